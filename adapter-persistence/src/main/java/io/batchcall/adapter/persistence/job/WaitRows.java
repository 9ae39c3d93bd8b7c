package io.batchcall.adapter.persistence.job;

import io.batchcall.adapter.persistence.Sql;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.job.ContactWait;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code contact_wait} rows (CONTRACT §15's waits): one row per wait, written when it starts, the latest
 * {@link ContactWait#KEPT} kept per contact. Which waits the claims report start a new one is decided by
 * {@link ContactWait#startsAnother} against the contact's latest row — remembered here per contact, so a contact
 * passed over pass after pass costs no read and no write after its first pass.
 */
final class WaitRows {

    /** Contacts remembered at most; past it the memory starts again (a forgotten contact costs one read). */
    private static final int REMEMBERED = 100_000;

    private final ConcurrentHashMap<String, ContactWait> latest = new ConcurrentHashMap<>();

    /** The waits a claim saw, in its transaction: each that starts a new wait is written. */
    void record(Connection c, String jobId, java.util.List<io.vavr.Tuple2<Contact, ContactWait>> seen) throws SQLException {
        for (io.vavr.Tuple2<Contact, ContactWait> s : seen) {
            String key = jobId + '\u0000' + s._2.seq();
            Option<ContactWait> last = Option.of(latest.get(key));
            if (last.isEmpty()) {
                last = latest(c, jobId, s._2.seq());
            }
            if (ContactWait.startsAnother(last, s._2, s._1)) {
                insert(c, jobId, s._2);
                last = Option.of(s._2);
            }
            if (latest.size() >= REMEMBERED) {
                latest.clear();
            }
            last.forEach(w -> latest.put(key, w));
        }
    }

    /** Forgets what was remembered of a job's contacts (its rows were deleted, or a claim rolled back). */
    void forget(String jobId) {
        latest.keySet().removeIf(k -> k.startsWith(jobId + '\u0000'));
    }

    static void insert(Connection c, String jobId, ContactWait w) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into contact_wait (job_id, seq, at, until, reason) values (?, ?, ?, ?, ?)")) {
            ps.setString(1, jobId);
            ps.setLong(2, w.seq());
            ps.setLong(3, w.at().toEpochMilli());
            if (w.until().isDefined()) {
                ps.setLong(4, w.until().get().toEpochMilli());
            } else {
                ps.setNull(4, Types.BIGINT);
            }
            ps.setString(5, w.reason());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("delete from contact_wait where job_id = ? and seq = ? and at < (select min(at) from "
                + "(select at from contact_wait where job_id = ? and seq = ? order by at desc limit " + ContactWait.KEPT + ") kept)")) {
            ps.setString(1, jobId);
            ps.setLong(2, w.seq());
            ps.setString(3, jobId);
            ps.setLong(4, w.seq());
            ps.executeUpdate();
        }
    }

    static Option<ContactWait> latest(Connection c, String jobId, long seq) throws SQLException {
        List<ContactWait> last = read(c, jobId, seq, 1);
        return last.headOption();
    }

    /** The contact's latest waits, oldest first. */
    static List<ContactWait> waits(Connection c, String jobId, long seq) throws SQLException {
        return read(c, jobId, seq, ContactWait.KEPT).reverse();
    }

    private static List<ContactWait> read(Connection c, String jobId, long seq, int limit) throws SQLException {
        java.util.List<ContactWait> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select at, until, reason from contact_wait where job_id = ? and seq = ? "
                + "order by at desc limit " + limit)) {
            ps.setString(1, jobId);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ContactWait(seq, Instant.ofEpochMilli(rs.getLong(1)), Sql.time(rs, 2), rs.getString(3)));
                }
            }
        }
        return List.ofAll(out);
    }
}
