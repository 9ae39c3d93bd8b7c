package io.batchcall.adapter.persistence.job;

import io.batchcall.adapter.persistence.Sql;
import io.batchcall.adapter.persistence.SqlDialect;
import io.batchcall.adapter.persistence.StoredJson;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchcall.application.port.out.EventKey;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.Priority;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The {@code contact} and {@code call_event} tables: reading and writing contact rows. */
public final class ContactRows {

    static final ObjectMapper JSON = StoredJson.JSON;
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };
    static final String COLUMNS = "job_id, seq, phone_number, contact_data, status, error_code, attempt_count, "
            + "max_attempts, last_attempt_at, next_retry_at, completed_at, room_name, failure_reason, call_duration, timezone, caller_id, "
            + AttemptRows.COLUMNS + ", priority";

    /** Every claim key but 0 a contact can have: -priority, priority from {@link Priority#MIN} to {@link Priority#MAX}. */
    private static final String NONZERO_CLAIM_KEYS = java.util.stream.IntStream.rangeClosed(-Priority.MAX, -Priority.MIN)
            .filter(k -> k != 0).mapToObj(Integer::toString).collect(Collectors.joining(","));

    /** Every claim key SQLite may store (ADR 14), as an {@code in} list's subquery: a range of positions is sought under each. */
    static final String EVERY_CLAIM_KEY = "(select value from json_each('[0," + NONZERO_CLAIM_KEYS + "]'))";

    private ContactRows() {
    }

    /**
     * SQLite keeps contacts keyed {@code (job_id, claim_key, seq)} (ADR 14): a read by position runs in two parts, the
     * rows with claim key 0 (every row of a job without priorities) by that key, the others by {@code contact_job_seq},
     * an index of those rows only. {@code where} follows {@code job_id = ?1 and}; its own parameters start at ?2.
     */
    static String byPosition(String where) {
        String select = "select " + COLUMNS + " from contact";
        return select + " where job_id = ?1 and claim_key = 0 and " + where
                + " union all " + select + " indexed by contact_job_seq where job_id = ?1 and claim_key <> 0 and " + where;
    }

    /** An unfiltered page: seq is dense (1..n in upload order), so a page is a key range. */
    static List<Contact> range(Connection c, SqlDialect sql, String jobId, long afterSeq, long toSeq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.isSqlite()
                ? "select * from (" + byPosition("seq > ?2 and seq <= ?3") + ") order by seq"
                : "select " + COLUMNS + " from contact where job_id = ? and seq > ? and seq <= ? order by seq")) {
            ps.setString(1, jobId);
            ps.setLong(2, afterSeq);
            ps.setLong(3, toSeq);
            return read(ps);
        }
    }

    /** Contacts in one of {@code statuses} with fromSeq ≤ seq &lt; toSeq, in upload order, after skipping {@code skip}. */
    static List<Contact> filtered(Connection c, SqlDialect sql, String jobId, java.util.List<ContactStatus> statuses,
                                  RankedPages.PageRange range, int limit) throws SQLException {
        String in = statuses.stream().map(s -> "?").collect(Collectors.joining(", "));
        // SQLite's status index is (job_id, status, claim_key, seq) (ADR 14): the range of positions is read once per
        // status and claim key — key 0 alone on a job without priorities, all 199 on a prioritized one (the flag read by
        // the statement itself, so in its snapshot)
        String keyed = sql.isSqlite() ? " and claim_key in (select 0 union all select value from json_each('[" + NONZERO_CLAIM_KEYS
                + "]') where exists (select 1 from batch_job where id = ?1 and prioritized <> 0))" : "";
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from contact" + sql.byStatus() + " where job_id = "
                + (sql.isSqlite() ? "?1" : "?") + " and status in (" + in + ")" + keyed + " and seq >= ? and seq < ? order by seq limit ? offset ?")) {
            int i = 1;
            ps.setString(i++, jobId);
            for (ContactStatus st : statuses) {
                ps.setString(i++, st.wire());
            }
            ps.setLong(i++, range.fromSeq());
            ps.setLong(i++, range.toSeq());
            ps.setInt(i++, limit);
            ps.setLong(i, range.skip());
            return read(ps);
        }
    }

    /**
     * Attempts in flight that began before {@code startedBefore}: the jobs with calls in flight first (a
     * partial index on their counters), then each one's dialing contacts by index, so a sweep never
     * reads the contacts of jobs with nothing in flight.
     */
    static List<io.batchcall.application.port.out.OverdueAttempt> overdue(Connection c, SqlDialect sql, Instant startedBefore, int limit)
            throws SQLException {
        java.util.List<String> dialingJobs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id from batch_job where n_dialing > 0");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                dialingJobs.add(rs.getString(1));
            }
        }
        java.util.List<io.batchcall.application.port.out.OverdueAttempt> result = new ArrayList<>();
        for (String jobId : dialingJobs) {
            if (result.size() >= limit) {
                break;
            }
            // "order by seq": the (job, status, seq) index serves it as it stands; without it PostgreSQL, whose statistics
            // were taken while thousands were dialing, scanned the whole table for the first few (24 ms at 80,000 rows)
            try (PreparedStatement ps = c.prepareStatement("select seq, attempt_count, room_name from contact" + sql.byStatus()
                    + " where job_id = ? and status = 'dialing' "
                    + "and last_attempt_at < ? order by seq limit ?")) {
                ps.setString(1, jobId);
                ps.setLong(2, startedBefore.toEpochMilli());
                ps.setInt(3, limit - result.size());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(new io.batchcall.application.port.out.OverdueAttempt(jobId, rs.getLong(1), rs.getInt(2),
                                io.vavr.control.Option.of(rs.getString(3))));
                    }
                }
            }
        }
        return List.ofAll(result);
    }

    /** The job's dialing contacts, by the status index: their attempts and calls' names. */
    static List<io.batchcall.application.port.out.OverdueAttempt> inFlight(Connection c, SqlDialect sql, String jobId, int limit) throws SQLException {
        java.util.List<io.batchcall.application.port.out.OverdueAttempt> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select seq, attempt_count, room_name from contact" + sql.byStatus()
                + " where job_id = ? and status = 'dialing' limit ?")) {
            ps.setString(1, jobId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new io.batchcall.application.port.out.OverdueAttempt(jobId, rs.getLong(1), rs.getInt(2), Option.of(rs.getString(3))));
                }
            }
        }
        return List.ofAll(out);
    }

    static Option<Contact> load(Connection c, SqlDialect sql, String jobId, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.isSqlite() ? byPosition("seq = ?2")
                : "select " + COLUMNS + " from contact where job_id = ? and seq = ?")) {
            ps.setString(1, jobId);
            ps.setLong(2, seq);
            return read(ps).headOption();
        }
    }

    static Map<Long, Contact> loadAll(Connection c, SqlDialect sql, String jobId, Set<Long> seqs) throws SQLException {
        Map<Long, Contact> found = new TreeMap<>();
        if (sql.isSqlite()) {
            try (PreparedStatement ps = c.prepareStatement(byPosition("seq in (select value from json_each(?2))"))) {
                ps.setString(1, jobId);
                ps.setString(2, seqs.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")));
                read(ps).forEach(k -> found.put(k.seq(), k));
            }
            return found;
        }
        bySeqs(c, sql, "select " + COLUMNS + " from contact where job_id = ? and seq", jobId, seqs, "",
                ps -> read(ps).forEach(k -> found.put(k.seq(), k)));
        return found;
    }

    /**
     * {@link #loadAll}, the contacts in a call among them locked (where the dialect locks rows), in upload order: the
     * only contacts a call event or the engine's close changes. A contact that left its call while this waited for its
     * lock is read as it is now, with the others, unlocked. None when one of those others entered a call between the
     * two reads (a claim dialed it meanwhile): it is not locked, so the caller starts again.
     */
    static Option<Map<Long, Contact>> loadAllLockingCalls(Connection c, SqlDialect sql, String jobId, Set<Long> seqs) throws SQLException {
        if (!sql.locksRows()) {
            return Option.of(loadAll(c, sql, jobId, seqs));
        }
        Map<Long, Contact> found = new TreeMap<>();
        bySeqs(c, sql, "select " + COLUMNS + " from contact where job_id = ? and seq", jobId, seqs,
                " and status = 'dialing' order by seq" + sql.forUpdate(), ps -> read(ps).forEach(k -> found.put(k.seq(), k)));
        Set<Long> rest = new java.util.TreeSet<>(seqs);
        rest.removeAll(found.keySet());
        if (!rest.isEmpty()) {
            Map<Long, Contact> unlocked = loadAll(c, sql, jobId, rest);
            if (unlocked.values().stream().anyMatch(k -> k.status() == ContactStatus.DIALING)) {
                return Option.none();
            }
            found.putAll(unlocked);
        }
        return Option.of(found);
    }

    /** Locks the job's contacts in a call, in upload order (the order {@link #loadAllLockingCalls} locks them in). */
    static void lockCalls(Connection c, SqlDialect sql, String jobId) throws SQLException {
        if (!sql.locksRows()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("select seq from contact where job_id = ? and status = 'dialing' order by seq"
                + sql.forUpdate())) {
            ps.setString(1, jobId);
            ps.executeQuery().close(); // the driver reads the whole result: every row is locked
        }
    }

    /**
     * Runs {@code select} (ending in {@code where job_id = ? and seq}, then {@code tail}) for the given positions and hands
     * each statement to {@code rows}: once, the positions as one array, where the dialect takes arrays
     * ({@link SqlDialect#arrays}); else in {@code in} lists.
     */
    private static void bySeqs(Connection c, SqlDialect sql, String select, String jobId, Collection<Long> seqs, String tail,
                               StatementWork rows) throws SQLException {
        if (sql.arrays()) {
            try (PreparedStatement ps = c.prepareStatement(select + " = any(?)" + tail)) {
                ps.setString(1, jobId);
                ps.setArray(2, Sql.longs(c, seqs));
                rows.run(ps);
            }
            return;
        }
        for (java.util.List<Long> chunk : Sql.chunks(seqs)) {
            try (PreparedStatement ps = c.prepareStatement(select + " in (" + Sql.placeholders(chunk.size()) + ")" + tail)) {
                bindJobAndSeqs(ps, jobId, chunk);
                rows.run(ps);
            }
        }
    }

    private interface StatementWork {
        void run(PreparedStatement ps) throws SQLException;
    }

    /**
     * The recorded event keys of {@code contacts}. SQLite keys them {@code (job_id, claim_key, seq, attempt, type)}
     * (ADR 14): each contact's are read by its key.
     */
    static Set<EventKey> events(Connection c, SqlDialect sql, String jobId, Map<Long, Contact> contacts) throws SQLException {
        Set<EventKey> found = new HashSet<>();
        if (sql.isSqlite()) {
            try (PreparedStatement ps = c.prepareStatement("select attempt, type from call_event where job_id = ? and claim_key = ? and seq = ?")) {
                for (Contact k : contacts.values()) {
                    ps.setString(1, jobId);
                    ps.setInt(2, claimKey(k));
                    ps.setLong(3, k.seq());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(new EventKey(k.seq(), rs.getInt(1), rs.getString(2)));
                        }
                    }
                }
            }
            return found;
        }
        bySeqs(c, sql, "select seq, attempt, type from call_event where job_id = ? and seq", jobId, contacts.keySet(), "", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new EventKey(rs.getLong(1), rs.getInt(2), rs.getString(3)));
                }
            }
        });
        return found;
    }

    /** A contact's key part on SQLite, before its position (ADR 14): minus its priority, 0 without one. */
    static int claimKey(Contact contact) {
        return claimKey(contact.priority());
    }

    /** The claim key of a contact of this priority (ADR 14). */
    static int claimKey(int priority) {
        return -priority;
    }

    /**
     * Records event keys. {@code locked}: keys of contacts this transaction holds locked, which no other writer can record
     * meanwhile. {@code unlocked}: keys of contacts that were not in a call (a late "connected" changes nothing but this
     * record; two such reports are not locked against each other), inserted unless another writer recorded them first.
     */
    static void insertEvents(Connection c, SqlDialect sql, String jobId, Map<Long, Contact> contacts, Collection<EventKey> locked,
                             Collection<EventKey> unlocked) throws SQLException {
        insertEvents(c, sql, jobId, contacts, locked, "");
        insertEvents(c, sql, jobId, contacts, unlocked, " on conflict do nothing");
    }

    private static void insertEvents(Connection c, SqlDialect sql, String jobId, Map<Long, Contact> contacts, Collection<EventKey> keys,
                                     String onConflict) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        if (sql.arrays()) {
            try (PreparedStatement ps = c.prepareStatement("insert into call_event (job_id, seq, attempt, type) "
                    + "select ?, * from unnest(?::bigint[], ?::int[], ?::varchar[])" + onConflict)) {
                ps.setString(1, jobId);
                ps.setArray(2, Sql.longs(c, keys.stream().map(EventKey::seq).toList()));
                ps.setArray(3, c.createArrayOf("integer", keys.stream().map(EventKey::attempt).toArray(Integer[]::new)));
                ps.setArray(4, Sql.texts(c, keys.stream().map(EventKey::type).toList()));
                ps.executeUpdate();
            }
            return;
        }
        // SQLite: keyed by the contact's claim key before its position (ADR 14), so a claim's events are appended together
        try (PreparedStatement ps = c.prepareStatement("insert into call_event (job_id, seq, attempt, type, claim_key) values (?, ?, ?, ?, ?)"
                + onConflict)) {
            for (EventKey k : keys) {
                ps.setString(1, jobId);
                ps.setLong(2, k.seq());
                ps.setInt(3, k.attempt());
                ps.setString(4, k.type());
                ps.setInt(5, claimKey(contacts.get(k.seq())));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Contacts of a query selecting {@link #COLUMNS}, read by column position (names cost a lookup per
     * cell). On SQLite, text is read as bytes and decoded here: the driver's own text path costs a fifth
     * more per page (measured: 95 against 77 µs for a page of 50).
     */
    static List<Contact> read(PreparedStatement ps) throws SQLException {
        java.util.List<Contact> result = new ArrayList<>();
        boolean sqlite = ps.isWrapperFor(org.sqlite.core.CorePreparedStatement.class);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String jobId = text(rs, 1, sqlite);
                long seq = rs.getLong(2);
                int duration = rs.getInt(14);
                Option<Integer> callDuration = rs.wasNull() ? Option.none() : Option.of(duration);
                String data = text(rs, 4, sqlite);
                result.add(new Contact(Contact.idFor(jobId, seq), jobId, seq, text(rs, 3, sqlite),
                        data == null ? Map.of() : new StoredJson(data), ContactStatus.fromWire(text(rs, 5, sqlite)).get(),
                        Option.of(text(rs, 6, sqlite)), rs.getInt(7), rs.getInt(8),
                        Sql.time(rs, 9), Sql.time(rs, 10), Sql.time(rs, 11),
                        Option.of(text(rs, 12, sqlite)), Option.of(text(rs, 13, sqlite)), callDuration,
                        Option.of(text(rs, 15, sqlite)), Option.of(text(rs, 16, sqlite)), AttemptRows.conversation(rs, 17),
                        rs.getInt(21))); // null (a job without priorities) reads as 0, the default
            }
        }
        return List.ofAll(result);
    }

    private static String text(ResultSet rs, int column, boolean sqlite) throws SQLException {
        if (!sqlite) {
            return rs.getString(column);
        }
        byte[] bytes = rs.getBytes(column);
        return bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void bindJobAndSeqs(PreparedStatement ps, String jobId, java.util.List<Long> seqs) throws SQLException {
        ps.setString(1, jobId);
        for (int i = 0; i < seqs.size(); i++) {
            ps.setLong(i + 2, seqs.get(i));
        }
    }

}
