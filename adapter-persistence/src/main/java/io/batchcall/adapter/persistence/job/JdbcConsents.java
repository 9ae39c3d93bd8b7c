package io.batchcall.adapter.persistence.job;

import io.batchcall.adapter.persistence.Database;
import io.batchcall.adapter.persistence.Sql;
import io.batchcall.application.port.out.Consents;
import io.batchcall.domain.consent.Consent;
import io.vavr.control.Option;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code consent} table (CONTRACT §17): each number's records under its organization, numbered per number
 * ({@code recorded_seq}); the records in force (no {@code revoked_at}) are found by a partial index, so checking a
 * claim's or an upload's numbers is one index lookup per chunk whatever the organization's millions of records.
 */
public final class JdbcConsents implements Consents {

    /** Numbers written per transaction: a CSV of millions is many short transactions, not one that holds the writer. */
    private static final int CHUNK = 5_000;
    private final Database db;

    public JdbcConsents(Database db) {
        this.db = db;
    }

    @Override
    public long grant(String organizationId, Collection<Consent> consents) {
        Map<String, Consent> last = new LinkedHashMap<>();
        consents.forEach(c -> last.put(c.phoneNumber(), c));
        List<Consent> all = new ArrayList<>(last.values());
        long fresh = 0;
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<Consent> part = all.subList(from, Math.min(all.size(), from + CHUNK));
            fresh += db.inTransaction(c -> grantChunk(c, organizationId, part));
        }
        return fresh;
    }

    private long grantChunk(Connection c, String org, List<Consent> part) throws SQLException {
        List<String> phones = part.stream().map(Consent::phoneNumber).toList();
        Set<String> inForce = consentedAmong(c, db.sql(), org, phones);
        Map<String, Long> lastSeq = lastSeqs(c, org, phones);
        long fresh = 0;
        try (PreparedStatement update = c.prepareStatement("update consent set source = ?, granted_at = ?, consent_text = ? "
                + "where organization_id = ? and phone_number = ? and revoked_at is null");
             PreparedStatement insert = c.prepareStatement("insert into consent (organization_id, phone_number, recorded_seq, source, "
                     + "granted_at, consent_text, recorded_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            for (Consent k : part) {
                if (inForce.contains(k.phoneNumber())) {
                    update.setString(1, k.source());
                    update.setLong(2, k.grantedAt().toEpochMilli());
                    update.setString(3, k.text().getOrNull());
                    update.setString(4, org);
                    update.setString(5, k.phoneNumber());
                    update.addBatch();
                } else {
                    insert.setString(1, org);
                    insert.setString(2, k.phoneNumber());
                    insert.setLong(3, lastSeq.getOrDefault(k.phoneNumber(), 0L) + 1);
                    insert.setString(4, k.source());
                    insert.setLong(5, k.grantedAt().toEpochMilli());
                    insert.setString(6, k.text().getOrNull());
                    insert.setLong(7, k.recordedAt().toEpochMilli());
                    insert.addBatch();
                    fresh++;
                }
            }
            update.executeBatch();
            insert.executeBatch();
        }
        return fresh;
    }

    private static Map<String, Long> lastSeqs(Connection c, String org, List<String> phones) throws SQLException {
        Map<String, Long> last = new HashMap<>();
        for (List<String> chunk : Sql.chunks(phones)) {
            try (PreparedStatement ps = c.prepareStatement("select phone_number, max(recorded_seq) from consent where organization_id = ? "
                    + "and phone_number in (" + Sql.placeholders(chunk.size()) + ") group by phone_number")) {
                ps.setString(1, org);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        last.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        }
        return last;
    }

    @Override
    public List<Consent> records(String organizationId, String phoneNumber, int limit) {
        return db.read(c -> {
            List<Consent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select phone_number, source, granted_at, consent_text, recorded_at, revoked_at "
                    + "from consent where organization_id = ? and phone_number = ? order by recorded_seq desc limit ?")) {
                ps.setString(1, organizationId);
                ps.setString(2, phoneNumber);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long revoked = rs.getLong(6);
                        Option<Instant> revokedAt = rs.wasNull() ? Option.none() : Option.of(Instant.ofEpochMilli(revoked));
                        out.add(new Consent(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), Option.of(rs.getString(4)),
                                Instant.ofEpochMilli(rs.getLong(5)), revokedAt));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public boolean revoke(String organizationId, String phoneNumber, Instant at) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update consent set revoked_at = ? where organization_id = ? and phone_number = ? "
                    + "and revoked_at is null")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setString(2, organizationId);
                ps.setString(3, phoneNumber);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Set<String> consentedAmong(String organizationId, Collection<String> phoneNumbers) {
        return db.read(c -> consentedAmong(c, db.sql(), organizationId, phoneNumbers));
    }

    /** In the caller's transaction (a claim's). */
    static Set<String> consentedAmong(Connection c, io.batchcall.adapter.persistence.SqlDialect sql, String org, Collection<String> phones)
            throws SQLException {
        return NumberRows.among(c, sql, "select phone_number from consent where organization_id = ? and revoked_at is null "
                + "and phone_number", org, phones);
    }
}
