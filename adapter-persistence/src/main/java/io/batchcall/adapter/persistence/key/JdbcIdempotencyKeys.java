package io.batchcall.adapter.persistence.key;

import io.batchcall.adapter.persistence.Database;

import io.batchcall.application.port.out.IdempotencyKeys;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

/** {@link IdempotencyKeys} in the {@code idempotency_key} table; a claim is one transaction, safe across instances. */
public final class JdbcIdempotencyKeys implements IdempotencyKeys {

    private final Database db;

    public JdbcIdempotencyKeys(Database db) {
        this.db = db;
    }

    @Override
    public Claim claim(String organizationId, String key, String requestHash, Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement ins = c.prepareStatement("insert into idempotency_key (organization_id, idem_key, request_hash, created_at) "
                    + "values (?, ?, ?, ?) on conflict do nothing")) {
                ins.setString(1, organizationId);
                ins.setString(2, key);
                ins.setString(3, requestHash);
                ins.setLong(4, now.toEpochMilli());
                if (ins.executeUpdate() == 1) {
                    return new Claim.Fresh();
                }
            }
            String hash;
            String response;
            long at;
            try (PreparedStatement ps = c.prepareStatement("select request_hash, response, created_at from idempotency_key "
                    + "where organization_id = ? and idem_key = ?" + db.sql().forUpdate())) {
                ps.setString(1, organizationId);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new Claim.InProgress(); // released between the two statements: let the client retry
                    }
                    hash = rs.getString(1);
                    response = rs.getString(2);
                    at = rs.getLong(3);
                }
            }
            if (at < now.minus(TTL).toEpochMilli()) {
                try (PreparedStatement up = c.prepareStatement("update idempotency_key set request_hash = ?, response = null, created_at = ? "
                        + "where organization_id = ? and idem_key = ?")) {
                    up.setString(1, requestHash);
                    up.setLong(2, now.toEpochMilli());
                    up.setString(3, organizationId);
                    up.setString(4, key);
                    up.executeUpdate();
                }
                return new Claim.Fresh();
            }
            if (!hash.equals(requestHash)) {
                return new Claim.Mismatch();
            }
            return response == null ? new Claim.InProgress() : new Claim.Replay(response);
        });
    }

    @Override
    public void complete(String organizationId, String key, String response) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("update idempotency_key set response = ? where organization_id = ? and idem_key = ?")) {
                ps.setString(1, response);
                ps.setString(2, organizationId);
                ps.setString(3, key);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void release(String organizationId, String key) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from idempotency_key where organization_id = ? and idem_key = ? and response is null")) {
                ps.setString(1, organizationId);
                ps.setString(2, key);
                return ps.executeUpdate();
            }
        });
    }
}
