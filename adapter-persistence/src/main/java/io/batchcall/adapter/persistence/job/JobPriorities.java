package io.batchcall.adapter.persistence.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Which jobs are prioritized (CONTRACT §16): a job is once any of its contacts has a priority other than 0, and stays so.
 * Its contacts then all carry a priority in the {@code contact.priority} column (0 where the upload gave none) and its
 * claims read waiting contacts in (priority desc, seq) order from the partial priority indexes (PostgreSQL); every other
 * job keeps that column null, so those indexes cost it nothing. Remembered per job and read again after
 * {@link PerJobReads#FRESH_NANOS}: an add that prioritizes a job on another instance is followed within seconds (claims
 * there take upload order meanwhile — the same contacts, in a different order). SQLite needs none of it for its claims:
 * its rows and status indexes are in claim order for every job (ADR 14).
 */
final class JobPriorities {

    /** Once prioritized, a job stays so: that read is kept. */
    private final PerJobReads<Boolean> read = new PerJobReads<>(JobPriorities::stored, prioritized -> prioritized);

    /** The job's contacts were added to or prioritized here: read again. */
    void forget(String jobId) {
        read.forget(jobId);
    }

    boolean prioritized(Connection c, String jobId) throws SQLException {
        return read.get(c, jobId);
    }

    /** The flag as stored, in the caller's transaction. */
    static boolean stored(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select prioritized from batch_job where id = ?")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) != 0;
            }
        }
    }

    /**
     * After a job's contacts were written (a create's, or an add's): when they brought the first priority other than 0,
     * the job becomes prioritized and its contacts stored without one get 0 (one statement; an add to a job already
     * prioritized wrote 0 itself). In the writing transaction.
     */
    static void settle(Connection c, String jobId, boolean wasPrioritized, boolean sawPriority) throws SQLException {
        if (wasPrioritized || !sawPriority) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update batch_job set prioritized = 1 where id = ?")) {
            ps.setString(1, jobId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("update contact set priority = 0 where job_id = ? and priority is null")) {
            ps.setString(1, jobId);
            ps.executeUpdate();
        }
    }
}
