package io.batchcall.adapter.persistence.job;

import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.window.ContactZones;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each job's zone groups and their contact counts ({@code job_zone}), read once per job: they never
 * change after its create. Claims ask which groups are open; the completion estimate weighs them.
 */
final class JobZones {

    private static final int MAX_JOBS = 10_000;

    private final Map<String, Map<String, Long>> counts = new ConcurrentHashMap<>();

    Map<String, Long> counts(Connection c, String jobId) throws SQLException {
        Map<String, Long> cached = counts.get(jobId);
        if (cached != null) {
            return cached;
        }
        Map<String, Long> read = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("select timezone, contacts from job_zone where job_id = ?")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        if (counts.size() > MAX_JOBS) {
            counts.clear();
        }
        counts.put(jobId, read);
        return read;
    }

    /** The job's zone groups whose window is open at {@code now} (a pass decides per zone, not per contact). */
    List<String> open(Connection c, BatchJob job, Instant now) throws SQLException {
        List<String> open = new ArrayList<>();
        for (String zone : counts(c, job.id()).keySet()) {
            if (job.callingWindow().get().isOpen(now, ContactZones.parse(zone))) {
                open.add(zone);
            }
        }
        return open;
    }
}
