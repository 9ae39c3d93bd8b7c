package io.batchcall.application.memory;

import io.batchcall.application.port.out.IdempotencyKeys;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** {@link IdempotencyKeys} in memory (tests, embedders). */
public final class InMemoryIdempotencyKeys implements IdempotencyKeys {

    private record Entry(String hash, String response, Instant at) {
    }

    private final Map<String, Entry> entries = new HashMap<>();

    @Override
    public synchronized Claim claim(String organizationId, String key, String requestHash, Instant now) {
        String id = organizationId + '\u0000' + key;
        Entry e = entries.get(id);
        if (e == null || e.at().isBefore(now.minus(TTL))) {
            entries.put(id, new Entry(requestHash, null, now));
            return new Claim.Fresh();
        }
        if (!e.hash().equals(requestHash)) {
            return new Claim.Mismatch();
        }
        return e.response() == null ? new Claim.InProgress() : new Claim.Replay(e.response());
    }

    @Override
    public synchronized void complete(String organizationId, String key, String response) {
        entries.computeIfPresent(organizationId + '\u0000' + key, (k, e) -> new Entry(e.hash(), response, e.at()));
    }

    @Override
    public synchronized void release(String organizationId, String key) {
        entries.remove(organizationId + '\u0000' + key);
    }
}
