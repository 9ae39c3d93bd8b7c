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

/**
 * Each job's zone groups and their contact counts ({@code job_zone}), read once per job and again after
 * {@link PerJobReads#FRESH_NANOS}: they change only when contacts are added to the job (CONTRACT §16) — at once on the instance
 * that added them ({@link #forget}), within seconds on the others. Claims ask which groups are open; the completion
 * estimate weighs them.
 */
final class JobZones {

    private final PerJobReads<Map<String, Long>> counts = new PerJobReads<>(JobZones::read, counts -> false);

    /** Contacts were added to the job here: its zones are read again. */
    void forget(String jobId) {
        counts.forget(jobId);
    }

    /** The job's groups as last read, while fresh: no connection is taken for them. */
    java.util.Optional<Map<String, Long>> fresh(String jobId) {
        return counts.fresh(jobId);
    }

    Map<String, Long> counts(Connection c, String jobId) throws SQLException {
        return counts.get(c, jobId);
    }

    private static Map<String, Long> read(Connection c, String jobId) throws SQLException {
        Map<String, Long> read = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("select timezone, contacts from job_zone where job_id = ?")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return read;
    }

    /**
     * The job's call groups (zones, and region: CONTRACT §17) open at {@code now} by its window and the calling rules (a
     * pass decides per group, not per contact).
     */
    List<String> open(Connection c, BatchJob job, io.batchcall.application.port.out.ClaimLimits limits, Instant now) throws SQLException {
        List<String> open = new ArrayList<>();
        for (String group : counts(c, job.id()).keySet()) {
            if (limits.groupOpen(job, group, now)) {
                open.add(group);
            }
        }
        return open;
    }

    /** Whether the job must be claimed by group: it has a window, or the calling rules restrict one of its groups' regions. */
    boolean grouped(Connection c, BatchJob job, io.batchcall.domain.window.CallingRules rules) throws SQLException {
        if (job.callingWindow().isDefined()) {
            return true;
        }
        if (rules.isEmpty()) {
            return false;
        }
        for (String group : counts(c, job.id()).keySet()) {
            if (rules.restricts(ContactZones.regionOf(group))) {
                return true;
            }
        }
        return false;
    }
}
