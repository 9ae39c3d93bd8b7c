package io.batchcall.adapter.persistence.job;

import io.batchcall.adapter.persistence.Sql;
import io.batchcall.adapter.persistence.SqlDialect;
import io.batchcall.domain.contact.Contact;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;

/** A batch of contacts' changes written back by key ({@link ContactRows} reads them). */
final class ContactWrites {

    private ContactWrites() {
    }

    /**
     * The contacts' changeable columns, by key. PostgreSQL: one statement over arrays (a batch of single-row updates cost
     * the server a statement each: 60 % of its time in a dispatch of 20,000 attempts), in key order.
     */
    static void write(Connection c, SqlDialect sql, Collection<Contact> contacts) throws SQLException {
        if (sql.arrays() && contacts.size() > 1) {
            writeAsArrays(c, contacts);
            return;
        }
        writeEach(c, sql, contacts);
    }

    private static void writeAsArrays(Connection c, Collection<Contact> contacts) throws SQLException {
        java.util.List<Contact> rows = contacts.stream()
                .sorted(java.util.Comparator.comparing(Contact::jobId).thenComparingLong(Contact::seq)).toList();
        try (PreparedStatement ps = c.prepareStatement("update contact c set status = u.status, error_code = u.error_code, "
                + "attempt_count = u.attempt_count, last_attempt_at = u.last_attempt_at, next_retry_at = u.next_retry_at, "
                + "completed_at = u.completed_at, room_name = u.room_name, failure_reason = u.failure_reason, call_duration = u.call_duration, "
                + "caller_id = u.caller_id, disposition = u.disposition, answered_by = u.answered_by, outcome_data = u.outcome_data, "
                + "callback_at = u.callback_at, max_attempts = u.max_attempts "
                + "from unnest(?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[], ?::integer[], ?::bigint[], ?::bigint[], ?::bigint[], "
                + "?::varchar[], ?::varchar[], ?::integer[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::varchar[], ?::integer[]) "
                + "as u(job_id, seq, status, error_code, attempt_count, last_attempt_at, next_retry_at, completed_at, room_name, "
                + "failure_reason, call_duration, caller_id, disposition, answered_by, outcome_data, callback_at, max_attempts) "
                + "where c.job_id = u.job_id and c.seq = u.seq")) {
            int i = 1;
            ps.setArray(i++, Sql.texts(c, rows, Contact::jobId));
            ps.setArray(i++, Sql.longs(c, rows, Contact::seq));
            ps.setArray(i++, Sql.texts(c, rows, k -> k.status().wire()));
            ps.setArray(i++, Sql.texts(c, rows, k -> k.errorCode().getOrNull()));
            ps.setArray(i++, Sql.ints(c, rows, Contact::attemptCount));
            ps.setArray(i++, Sql.times(c, rows, Contact::lastAttemptAt));
            ps.setArray(i++, Sql.times(c, rows, Contact::nextRetryAt));
            ps.setArray(i++, Sql.times(c, rows, Contact::completedAt));
            ps.setArray(i++, Sql.texts(c, rows, k -> k.roomName().getOrNull()));
            ps.setArray(i++, Sql.texts(c, rows, k -> k.failureReason().getOrNull()));
            ps.setArray(i++, Sql.ints(c, rows, k -> k.callDuration().getOrNull()));
            ps.setArray(i++, Sql.texts(c, rows, k -> k.callerId().getOrNull()));
            ps.setArray(i++, Sql.texts(c, rows, k -> k.conversation().disposition().getOrNull()));
            ps.setArray(i++, Sql.texts(c, rows, k -> k.conversation().answeredBy().map(io.batchcall.domain.contact.AnsweredBy::wire).getOrNull()));
            ps.setArray(i++, Sql.texts(c, rows, k -> AttemptRows.outcomeJson(k.conversation())));
            ps.setArray(i++, Sql.texts(c, rows, k -> k.conversation().callbackAt().getOrNull()));
            ps.setArray(i, Sql.ints(c, rows, Contact::maxAttempts));
            ps.executeUpdate();
        }
    }

    private static void writeEach(Connection c, SqlDialect sql, Collection<Contact> contacts) throws SQLException {
        // SQLite keys a contact (job_id, claim_key, seq), claim_key = -priority (ADR 14): the row found by its key
        boolean keyed = sql.isSqlite();
        try (PreparedStatement ps = c.prepareStatement("update contact set status = ?, error_code = ?, attempt_count = ?, "
                + "last_attempt_at = ?, next_retry_at = ?, completed_at = ?, room_name = ?, failure_reason = ?, call_duration = ?, "
                + "caller_id = ?, disposition = ?, answered_by = ?, outcome_data = ?, callback_at = ?, max_attempts = ? "
                + "where job_id = ? and seq = ?" + (keyed ? " and claim_key = ?" : ""))) {
            for (Contact k : contacts) {
                ps.setString(1, k.status().wire());
                ps.setString(2, k.errorCode().getOrNull());
                ps.setInt(3, k.attemptCount());
                Sql.setTime(ps, 4, k.lastAttemptAt());
                Sql.setTime(ps, 5, k.nextRetryAt());
                Sql.setTime(ps, 6, k.completedAt());
                ps.setString(7, k.roomName().getOrNull());
                ps.setString(8, k.failureReason().getOrNull());
                if (k.callDuration().isDefined()) {
                    ps.setInt(9, k.callDuration().get());
                } else {
                    ps.setNull(9, Types.INTEGER);
                }
                ps.setString(10, k.callerId().getOrNull());
                AttemptRows.bind(ps, 11, k.conversation());
                ps.setInt(15, k.maxAttempts()); // a callback adds one (CONTRACT §15)
                ps.setString(16, k.jobId());
                ps.setLong(17, k.seq());
                if (keyed) {
                    ps.setInt(18, ContactRows.claimKey(k));
                }
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            // the claim key is -priority on every row: a row not found by it is a bug, and nothing may stay
            if (keyed && java.util.Arrays.stream(counts).anyMatch(n -> n == 0)) {
                throw new SQLException("a contact's row was not found by its key (job_id, claim_key, seq); nothing written");
            }
        }
    }
}
