package io.batchcall.adapter.persistence.key;

import io.batchcall.adapter.persistence.Database;

import io.batchcall.application.port.out.ApiKeys;
import io.vavr.control.Option;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys stored as SHA-256 hashes; the clear key is never written. A key's id is the first
 * {@value #ID_LENGTH} hex digits of its hash (safe to show and to name in a revocation). Lookups are
 * cached for {@link #CACHE_MILLIS} ms, so a key revoked on any instance stops working everywhere
 * within that time.
 */
public final class JdbcApiKeys implements ApiKeys {

    /** How long a successful lookup is trusted without asking the database again. */
    public static final long CACHE_MILLIS = 5_000;
    static final int ID_LENGTH = 12;

    /** Where a key came from. */
    public enum Source {
        /** BATCHCALL_API_KEYS: removed as soon as it is no longer configured. */
        ENV,
        /** Created on the first start, when no key was configured. */
        GENERATED,
        /** Created with {@code keys create}. */
        CLI;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A stored key, without its secret. */
    public record KeyInfo(String id, String organizationId, String source, Instant createdAt) {
    }

    private record Cached(String organizationId, long until) {
    }

    private final Database db;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public JdbcApiKeys(Database db) {
        this.db = db;
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Option<String> recentOrganizationFor(String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) {
            return Option.none();
        }
        Cached c = cache.get(hash(apiKey));
        return c != null && c.until() > System.currentTimeMillis() ? Option.of(c.organizationId()) : Option.none();
    }

    @Override
    public Option<String> organizationFor(String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) {
            return Option.none();
        }
        Option<String> recent = recentOrganizationFor(apiKey);
        if (recent.isDefined()) {
            return recent;
        }
        String h = hash(apiKey);
        Option<String> org = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select organization_id from api_key where key_hash = ?")) {
                ps.setString(1, h);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Option.of(rs.getString(1)) : Option.<String>none();
                }
            }
        });
        if (org.isDefined()) {
            cache.put(h, new Cached(org.get(), System.currentTimeMillis() + CACHE_MILLIS));
        } else {
            cache.remove(h);
        }
        return org;
    }

    @Override
    public void register(String organizationId, String apiKey) {
        register(organizationId, apiKey, Source.CLI);
    }

    /** Stores a key (an upsert: several instances starting at once may register the same key). */
    public void register(String organizationId, String apiKey, Source source) {
        String h = hash(apiKey);
        db.write(c -> {
            try (PreparedStatement ins = c.prepareStatement("insert into api_key (key_hash, organization_id, created_at, source) values (?, ?, ?, ?) "
                    + "on conflict (key_hash) do update set organization_id = excluded.organization_id, source = excluded.source")) {
                ins.setString(1, h);
                ins.setString(2, organizationId);
                ins.setLong(3, System.currentTimeMillis());
                ins.setString(4, source.wire());
                ins.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Makes the stored configured keys exactly {@code configured} (key → organization): each is stored,
     * and a key configured before but not any more is removed.
     */
    public void syncConfigured(Map<String, String> configured) {
        for (Map.Entry<String, String> e : configured.entrySet()) {
            register(e.getValue(), e.getKey(), Source.ENV);
        }
        java.util.Set<String> keep = new java.util.HashSet<>();
        configured.keySet().forEach(k -> keep.add(hash(k)));
        db.inTransaction(c -> {
            List<String> stale = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select key_hash from api_key where source = 'env'"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!keep.contains(rs.getString(1))) {
                        stale.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement del = c.prepareStatement("delete from api_key where key_hash = ?")) {
                for (String h : stale) {
                    del.setString(1, h);
                    del.addBatch();
                }
                if (!stale.isEmpty()) {
                    del.executeBatch();
                }
            }
            return null;
        });
        cache.clear();
    }

    /** The stored keys (of one organization, or all), oldest first. */
    public List<KeyInfo> list(Option<String> organizationId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select key_hash, organization_id, source, created_at from api_key"
                    + (organizationId.isDefined() ? " where organization_id = ?" : "") + " order by created_at, key_hash")) {
                if (organizationId.isDefined()) {
                    ps.setString(1, organizationId.get());
                }
                List<KeyInfo> keys = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(new KeyInfo(rs.getString(1).substring(0, ID_LENGTH), rs.getString(2), rs.getString(3),
                                Instant.ofEpochMilli(rs.getLong(4))));
                    }
                }
                return keys;
            }
        });
    }

    /** Removes the organization's key with that id; false when there is none. */
    public boolean revoke(String organizationId, String keyId) {
        if (keyId == null || !keyId.matches("[0-9a-f]{" + ID_LENGTH + "}")) {
            return false;
        }
        boolean removed = db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from api_key where organization_id = ? and key_hash like ?")) {
                ps.setString(1, organizationId);
                ps.setString(2, keyId + "%");
                return ps.executeUpdate() > 0;
            }
        });
        cache.clear();
        return removed;
    }

    @Override
    public boolean isEmpty() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from api_key"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
    }
}
