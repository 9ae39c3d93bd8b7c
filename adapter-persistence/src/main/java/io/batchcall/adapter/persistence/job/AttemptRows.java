package io.batchcall.adapter.persistence.job;

import io.batchcall.adapter.persistence.Sql;
import io.batchcall.application.port.out.AttemptRecord;
import io.batchcall.domain.contact.AnsweredBy;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.Conversation;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * CONTRACT §15 in the store: a contact's last conversation (four columns of its row), its closed attempts
 * ({@code contact_attempt}, written once, when an attempt ends) and the job's contacts by last disposition
 * ({@code job_disposition}, kept exact by every write that changes a contact's, ADR 2).
 */
final class AttemptRows {

    /** The contact columns of the last conversation, after {@link ContactRows#COLUMNS}' first sixteen. */
    static final String COLUMNS = "disposition, answered_by, outcome_data, callback_at";

    private AttemptRows() {
    }

    /** The conversation read from columns {@code first}.. {@code first + 3}. */
    static Conversation conversation(ResultSet rs, int first) throws SQLException {
        String disposition = rs.getString(first);
        String answeredBy = rs.getString(first + 1);
        String data = rs.getString(first + 2);
        String callback = rs.getString(first + 3);
        if (disposition == null && answeredBy == null && data == null && callback == null) {
            return Conversation.NONE;
        }
        return new Conversation(Option.of(disposition), Option.of(answeredBy).flatMap(AnsweredBy::fromWire),
                Option.of(data).map(io.batchcall.adapter.persistence.StoredJson::new), Option.of(callback));
    }

    /** Binds a conversation to parameters {@code first}..{@code first + 3}. */
    static void bind(PreparedStatement ps, int first, Conversation k) throws SQLException {
        ps.setString(first, k.disposition().getOrNull());
        ps.setString(first + 1, k.answeredBy().map(AnsweredBy::wire).getOrNull());
        ps.setString(first + 2, k.outcomeData().map(AttemptRows::json).getOrNull());
        ps.setString(first + 3, k.callbackAt().getOrNull());
    }

    /** The stored text of a conversation's outcomeData (null when none). */
    static String outcomeJson(Conversation k) {
        return k.outcomeData().map(AttemptRows::json).getOrNull();
    }

    private static String json(Map<String, Object> data) {
        if (data instanceof io.batchcall.domain.contact.StoredContactData stored) {
            return stored.json();
        }
        try {
            return io.batchcall.adapter.persistence.StoredJson.JSON.writeValueAsString(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("outcomeData is not writable as JSON", e);
        }
    }

    /** PostgreSQL: the ended attempts' rows in one statement over arrays (not a statement per row). */
    private static void insertAsArrays(Connection c, String jobId, java.util.List<Long> seqs, java.util.List<AttemptRecord> ended)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into contact_attempt (job_id, seq, attempt, started_at, ended_at, status, "
                + "error_code, call_duration, caller_id, room_name, failure_reason, disposition, answered_by, outcome_data, callback_at) "
                + "select ?, * from unnest(?::bigint[], ?::integer[], ?::bigint[], ?::bigint[], ?::varchar[], ?::varchar[], ?::integer[], "
                + "?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::varchar[]) "
                + "on conflict (job_id, seq, attempt) do nothing")) {
            int i = 1;
            ps.setString(i++, jobId);
            ps.setArray(i++, Sql.longs(c, seqs));
            ps.setArray(i++, Sql.ints(c, ended, AttemptRecord::attempt));
            ps.setArray(i++, Sql.times(c, ended, AttemptRecord::startedAt));
            ps.setArray(i++, Sql.longs(c, ended, r -> r.endedAt().toEpochMilli()));
            ps.setArray(i++, Sql.texts(c, ended, r -> r.status().wire()));
            ps.setArray(i++, Sql.texts(c, ended, r -> r.errorCode().getOrNull()));
            ps.setArray(i++, Sql.ints(c, ended, r -> r.callDuration().getOrNull()));
            ps.setArray(i++, Sql.texts(c, ended, r -> r.callerId().getOrNull()));
            ps.setArray(i++, Sql.texts(c, ended, r -> r.roomName().getOrNull()));
            ps.setArray(i++, Sql.texts(c, ended, r -> r.failureReason().getOrNull()));
            ps.setArray(i++, Sql.texts(c, ended, r -> r.conversation().disposition().getOrNull()));
            ps.setArray(i++, Sql.texts(c, ended, r -> r.conversation().answeredBy().map(AnsweredBy::wire).getOrNull()));
            ps.setArray(i++, Sql.texts(c, ended, r -> outcomeJson(r.conversation())));
            ps.setArray(i, Sql.texts(c, ended, r -> r.conversation().callbackAt().getOrNull()));
            ps.executeUpdate();
        }
    }

    /**
     * What a batch of contact changes does to the attempt history and the disposition counts, by the rules every store
     * shares ({@link AttemptRecord#endedBy}, {@link AttemptRecord#dispositionMoves}): an ended attempt gets its row; a
     * contact whose last disposition changed moves between counts.
     */
    static void changed(Connection c, io.batchcall.adapter.persistence.SqlDialect sql, String jobId, Map<Long, Contact> before,
                        Collection<Contact> after, Instant now) throws SQLException {
        Map<String, Long> deltas = new HashMap<>();
        java.util.List<AttemptRecord> ended = new java.util.ArrayList<>();
        java.util.List<Long> seqs = new java.util.ArrayList<>();
        java.util.List<Integer> claimKeys = new java.util.ArrayList<>();
        for (Contact a : after) {
            Contact b = before.get(a.seq());
            if (b == null) {
                continue;
            }
            AttemptRecord.endedBy(b, a, now).forEach(r -> {
                ended.add(r);
                seqs.add(a.seq());
                claimKeys.add(ContactRows.claimKey(a));
            });
            AttemptRecord.dispositionMoves(b, a).forEach((d, n) -> deltas.merge(d, n, Long::sum));
        }
        if (!ended.isEmpty() && sql.arrays()) {
            insertAsArrays(c, jobId, seqs, ended);
        } else if (!ended.isEmpty()) {
            // SQLite keys the rows (job_id, claim_key, seq, attempt) (ADR 14): a claim's attempts are appended together
            try (PreparedStatement ps = c.prepareStatement("insert into contact_attempt (job_id, seq, attempt, started_at, ended_at, status, "
                    + "error_code, call_duration, caller_id, room_name, failure_reason, disposition, answered_by, outcome_data, callback_at, "
                    + "claim_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (job_id, claim_key, seq, attempt) do nothing")) {
                for (int i = 0; i < ended.size(); i++) {
                    AttemptRecord r = ended.get(i);
                    ps.setString(1, jobId);
                    ps.setLong(2, seqs.get(i));
                    ps.setInt(3, r.attempt());
                    Sql.setTime(ps, 4, r.startedAt());
                    ps.setLong(5, r.endedAt().toEpochMilli());
                    ps.setString(6, r.status().wire());
                    ps.setString(7, r.errorCode().getOrNull());
                    if (r.callDuration().isDefined()) {
                        ps.setInt(8, r.callDuration().get());
                    } else {
                        ps.setNull(8, Types.INTEGER);
                    }
                    ps.setString(9, r.callerId().getOrNull());
                    ps.setString(10, r.roomName().getOrNull());
                    ps.setString(11, r.failureReason().getOrNull());
                    bind(ps, 12, r.conversation());
                    ps.setInt(16, claimKeys.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        deltas.values().removeIf(n -> n == 0);
        if (!deltas.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("insert into job_disposition (job_id, disposition, n) values (?, ?, ?) "
                    + "on conflict (job_id, disposition) do update set n = job_disposition.n + excluded.n")) {
                for (Map.Entry<String, Long> d : deltas.entrySet()) {
                    ps.setString(1, jobId);
                    ps.setString(2, d.getKey());
                    ps.setLong(3, d.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /**
     * A contact's closed attempts, oldest first. On SQLite by the contact's key (ADR 14): its claim key given (the
     * contact read already), else read from the index of the contacts that have one other than 0.
     */
    static List<AttemptRecord> attempts(Connection c, io.batchcall.adapter.persistence.SqlDialect sql, String jobId, long seq,
                                        Option<Integer> claimKey) throws SQLException {
        java.util.List<AttemptRecord> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select attempt, started_at, ended_at, status, error_code, call_duration, caller_id, "
                + "room_name, failure_reason, disposition, answered_by, outcome_data, callback_at from contact_attempt "
                // coalesce evaluates the lookup only when no key is given
                + (sql.isSqlite() ? "where job_id = ?1 and seq = ?2 and claim_key = coalesce(?3, (select claim_key from contact "
                + "indexed by contact_job_seq where job_id = ?1 and seq = ?2 and claim_key <> 0), 0)" : "where job_id = ? and seq = ?")
                + " order by attempt")) {
            ps.setString(1, jobId);
            ps.setLong(2, seq);
            if (sql.isSqlite()) {
                ps.setObject(3, claimKey.getOrNull());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int duration = rs.getInt(6);
                    Option<Integer> callDuration = rs.wasNull() ? Option.none() : Option.of(duration);
                    out.add(new AttemptRecord(rs.getInt(1), Sql.time(rs, 2), Instant.ofEpochMilli(rs.getLong(3)),
                            ContactStatus.fromWire(rs.getString(4)).getOrElse(ContactStatus.FAILED), Option.of(rs.getString(5)), callDuration,
                            Option.of(rs.getString(7)), Option.of(rs.getString(8)), Option.of(rs.getString(9)), conversation(rs, 10)));
                }
            }
        }
        return List.ofAll(out);
    }

    /** The job's contacts by their last disposition (none listed: no contact has one). */
    static Map<String, Long> dispositions(Connection c, String jobId) throws SQLException {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("select disposition, n from job_disposition where job_id = ? and n > 0")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }
}
