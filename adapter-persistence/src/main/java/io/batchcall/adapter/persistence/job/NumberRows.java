package io.batchcall.adapter.persistence.job;

import io.batchcall.adapter.persistence.Sql;
import io.batchcall.adapter.persistence.SqlDialect;

import io.batchcall.application.port.out.Suppressions.Suppression;
import io.batchcall.domain.paging.PageRequest;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The organization-wide facts about phone numbers: the suppression list, the numbers in a call now,
 * and recent dials (for the attempt cap). Every lookup is by primary key or an index range.
 */
final class NumberRows {


    private NumberRows() {
    }

    // ---------------------------------------------------------------- suppression list

    static long suppress(Connection c, String org, Collection<String> phones, Option<String> reason, Instant now) throws SQLException {
        long added = 0;
        try (PreparedStatement ps = c.prepareStatement("insert into suppression (organization_id, phone_number, reason, added_at) "
                + "values (?, ?, ?, ?) on conflict do nothing")) {
            for (String p : phones) {
                ps.setString(1, org);
                ps.setString(2, p);
                ps.setString(3, reason.getOrNull());
                ps.setLong(4, now.toEpochMilli());
                ps.addBatch();
            }
            for (int n : ps.executeBatch()) {
                added += Math.max(0, n); // 1 added, 0 already there
            }
        }
        return added;
    }

    static Option<Suppression> suppression(Connection c, String org, String phone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select phone_number, reason, added_at from suppression "
                + "where organization_id = ? and phone_number = ?")) {
            ps.setString(1, org);
            ps.setString(2, phone);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Option.of(row(rs)) : Option.none();
            }
        }
    }

    static Tuple2<List<Suppression>, Long> suppressions(Connection c, String org, PageRequest page) throws SQLException {
        long total;
        try (PreparedStatement ps = c.prepareStatement("select count(*) from suppression where organization_id = ?")) {
            ps.setString(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        java.util.List<Suppression> rows = new ArrayList<>();
        if (page.offset() < total) {
            try (PreparedStatement ps = c.prepareStatement("select phone_number, reason, added_at from suppression "
                    + "where organization_id = ? order by phone_number limit ? offset ?")) {
                ps.setString(1, org);
                ps.setInt(2, page.pageSize());
                ps.setLong(3, page.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
            }
        }
        return Tuple.of(List.ofAll(rows), total);
    }

    static boolean unsuppress(Connection c, String org, String phone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from suppression where organization_id = ? and phone_number = ?")) {
            ps.setString(1, org);
            ps.setString(2, phone);
            return ps.executeUpdate() > 0;
        }
    }

    /** Which of the numbers are suppressed: one primary-key range lookup per chunk. */
    static Set<String> suppressedAmong(Connection c, SqlDialect sql, String org, Collection<String> phones) throws SQLException {
        return among(c, sql, "select phone_number from suppression where organization_id = ? and phone_number", org, phones);
    }

    // ---------------------------------------------------------------- calls in progress and recent dials

    /** Which of the numbers are in a call of the organization now. */
    static Set<String> dialingAmong(Connection c, SqlDialect sql, String org, Collection<String> phones) throws SQLException {
        return among(c, sql, "select phone_number from number_dialing where organization_id = ? and phone_number", org, phones);
    }

    /** Dials of each number at or after {@code since}. */
    static Map<String, Long> dialsSince(Connection c, String org, Collection<String> phones, Instant since) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        perNumberSince(c, "select phone_number, count(*) from number_attempt where organization_id = ? and phone_number in (%s) "
                + "and at >= ? group by phone_number", org, phones, since, (phone, n) -> counts.put(phone, n));
        return counts;
    }

    /**
     * Runs {@code sqlFormat} (its {@code %s} the placeholders of a chunk of numbers; parameters: the organization, the
     * chunk, {@code since} in epoch ms) per chunk of {@code phones}, handing each row's number and long to {@code row}.
     */
    private static void perNumberSince(Connection c, String sqlFormat, String org, Collection<String> phones, Instant since,
                                       java.util.function.BiConsumer<String, Long> row) throws SQLException {
        for (java.util.List<String> chunk : Sql.chunks(phones)) {
            try (PreparedStatement ps = c.prepareStatement(String.format(sqlFormat, Sql.placeholders(chunk.size())))) {
                int i = 1;
                ps.setString(i++, org);
                for (String p : chunk) {
                    ps.setString(i++, p);
                }
                ps.setLong(i, since.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        row.accept(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        }
    }

    /** The numbers of newly dialing contacts: marked as in a call, and (when a cap is kept) their dials recorded. */
    static void dialed(Connection c, SqlDialect sql, String org, java.util.List<io.batchcall.domain.contact.Contact> dialing, Instant now,
                       Option<Instant> forgetBefore) throws SQLException {
        if (dialing.isEmpty()) {
            return;
        }
        perContact(c, sql, "insert into number_dialing (organization_id, phone_number, job_id, seq) "
                        + "select ?, * from unnest(?::varchar[], ?::varchar[], ?::bigint[])",
                "insert into number_dialing (organization_id, phone_number, job_id, seq) values (?, ?, ?, ?)", org, dialing);
        if (forgetBefore.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into number_attempt (organization_id, phone_number, at, job_id, seq, attempt) "
                + "values (?, ?, ?, ?, ?, ?) on conflict do nothing");
             PreparedStatement old = c.prepareStatement("delete from number_attempt where organization_id = ? and phone_number = ? and at < ?")) {
            for (var k : dialing) {
                ps.setString(1, org);
                ps.setString(2, k.phoneNumber());
                ps.setLong(3, now.toEpochMilli());
                ps.setString(4, k.jobId());
                ps.setLong(5, k.seq());
                ps.setInt(6, k.attemptCount());
                ps.addBatch();
                old.setString(1, org);
                old.setString(2, k.phoneNumber());
                old.setLong(3, forgetBefore.get().toEpochMilli());
                old.addBatch();
            }
            ps.executeBatch();
            old.executeBatch();
        }
    }

    /**
     * Contacts whose attempt ended in a conversation (CONTRACT §17: completed, not a machine): their numbers' latest
     * conversation moves to its end, never back.
     */
    static void conversed(Connection c, SqlDialect sql, String org, Collection<io.batchcall.domain.contact.Contact> contacts) throws SQLException {
        if (contacts.isEmpty()) {
            return;
        }
        String later = sql.isSqlite() ? "max(number_conversation.at, excluded.at)" : "greatest(number_conversation.at, excluded.at)";
        if (sql.arrays()) {
            // one statement over arrays; a number once (an upsert may not touch a row twice), at its latest end
            Map<String, Long> latest = new java.util.TreeMap<>();
            for (io.batchcall.domain.contact.Contact k : contacts) {
                latest.merge(k.phoneNumber(), k.conversationEndedAt().map(Instant::toEpochMilli).getOrElse(0L), Math::max);
            }
            try (PreparedStatement ps = c.prepareStatement("insert into number_conversation (organization_id, phone_number, at) "
                    + "select ?, * from unnest(?::varchar[], ?::bigint[]) on conflict (organization_id, phone_number) do update set at = " + later)) {
                ps.setString(1, org);
                ps.setArray(2, Sql.texts(c, latest.keySet()));
                ps.setArray(3, Sql.longs(c, latest.values()));
                ps.executeUpdate();
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into number_conversation (organization_id, phone_number, at) values (?, ?, ?) "
                + "on conflict (organization_id, phone_number) do update set at = " + later)) {
            for (io.batchcall.domain.contact.Contact k : contacts) {
                ps.setString(1, org);
                ps.setString(2, k.phoneNumber());
                ps.setLong(3, k.conversationEndedAt().map(Instant::toEpochMilli).getOrElse(0L));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The numbers among {@code phones} whose latest conversation ended after {@code since}, with when it ended. */
    static Map<String, Instant> conversedSince(Connection c, String org, Collection<String> phones, Instant since) throws SQLException {
        Map<String, Instant> found = new HashMap<>();
        perNumberSince(c, "select phone_number, at from number_conversation where organization_id = ? and phone_number in (%s) and at > ?",
                org, phones, since, (phone, at) -> found.put(phone, Instant.ofEpochMilli(at)));
        return found;
    }

    /** Contacts that left a call: their numbers are free again. */
    static void hungUp(Connection c, SqlDialect sql, String org, Collection<io.batchcall.domain.contact.Contact> contacts) throws SQLException {
        if (contacts.isEmpty()) {
            return;
        }
        perContact(c, sql, "delete from number_dialing where organization_id = ? and (phone_number, job_id, seq) in "
                        + "(select * from unnest(?::varchar[], ?::varchar[], ?::bigint[]))",
                "delete from number_dialing where organization_id = ? and phone_number = ? and job_id = ? and seq = ?", org, contacts);
    }

    /**
     * Runs a statement with (organization, number, job, position) as its parameters: on PostgreSQL {@code arraySql} once,
     * the three last as arrays of all the contacts' values ({@link SqlDialect#arrays}); elsewhere {@code rowSql} once per
     * contact, batched.
     */
    private static void perContact(Connection c, SqlDialect sql, String arraySql, String rowSql, String org,
                                   Collection<io.batchcall.domain.contact.Contact> contacts) throws SQLException {
        if (sql.arrays()) {
            try (PreparedStatement ps = c.prepareStatement(arraySql)) {
                ps.setString(1, org);
                ps.setArray(2, Sql.texts(c, contacts.stream().map(io.batchcall.domain.contact.Contact::phoneNumber).toList()));
                ps.setArray(3, Sql.texts(c, contacts.stream().map(io.batchcall.domain.contact.Contact::jobId).toList()));
                ps.setArray(4, Sql.longs(c, contacts.stream().map(io.batchcall.domain.contact.Contact::seq).toList()));
                ps.executeUpdate();
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(rowSql)) {
            for (var k : contacts) {
                ps.setString(1, org);
                ps.setString(2, k.phoneNumber());
                ps.setString(3, k.jobId());
                ps.setLong(4, k.seq());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** All the job's numbers in a call are free again (its dialing contacts were abandoned). */
    static void hungUpAll(Connection c, String org, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from number_dialing where organization_id = ? and job_id = ?")) {
            ps.setString(1, org);
            ps.setString(2, jobId);
            ps.executeUpdate();
        }
    }

    /**
     * Which of {@code phones} the query {@code sqlPrefix} (its one parameter, then {@code phone_number}) finds: one
     * statement, the numbers bound as one array (PostgreSQL) or one JSON array read by {@code json_each} (SQLite).
     */
    static Set<String> among(Connection c, SqlDialect sql, String sqlPrefix, String org, Collection<String> phones) throws SQLException {
        Set<String> found = new HashSet<>();
        if (phones.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement(sqlPrefix + (sql.arrays() ? " = any(?)" : " in (select value from json_each(?))"))) {
            ps.setString(1, org);
            if (sql.arrays()) {
                ps.setArray(2, Sql.texts(c, phones));
            } else {
                ps.setString(2, Sql.jsonTexts(phones));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    private static Suppression row(ResultSet rs) throws SQLException {
        return new Suppression(rs.getString(1), Option.of(rs.getString(2)), Instant.ofEpochMilli(rs.getLong(3)));
    }


}
