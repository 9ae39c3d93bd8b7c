package io.batchcall.adapter.persistence;

import io.batchcall.application.port.out.ApiKeys;
import io.vavr.control.Option;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/** API keys stored as SHA-256 hashes; the clear key is never written. Known hashes are cached. */
public final class JdbcApiKeys implements ApiKeys {

    private final Database db;
    private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();

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
    public Option<String> organizationFor(String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) {
            return Option.none();
        }
        String h = hash(apiKey);
        String cached = cache.get(h);
        if (cached != null) {
            return Option.of(cached);
        }
        Option<String> org = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select organization_id from api_key where key_hash = ?")) {
                ps.setString(1, h);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Option.of(rs.getString(1)) : Option.<String>none();
                }
            }
        });
        org.forEach(o -> cache.put(h, o));
        return org;
    }

    @Override
    public void register(String organizationId, String apiKey) {
        String h = hash(apiKey);
        // an upsert: several instances starting at once on an empty database may register the same key
        db.write(c -> {
            try (PreparedStatement ins = c.prepareStatement("insert into api_key (key_hash, organization_id, created_at) values (?, ?, ?) "
                    + "on conflict (key_hash) do update set organization_id = excluded.organization_id")) {
                ins.setString(1, h);
                ins.setString(2, organizationId);
                ins.setLong(3, System.currentTimeMillis());
                ins.executeUpdate();
            }
            return null;
        });
        cache.put(h, organizationId);
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
