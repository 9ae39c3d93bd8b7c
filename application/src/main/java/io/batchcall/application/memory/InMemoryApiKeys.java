package io.batchcall.application.memory;

import io.batchcall.application.port.out.ApiKeys;
import io.vavr.control.Option;

import java.util.concurrent.ConcurrentHashMap;

/** API keys in memory, for tests and embedders. */
public final class InMemoryApiKeys implements ApiKeys {

    private final ConcurrentHashMap<String, String> organizationByKey = new ConcurrentHashMap<>();

    @Override
    public Option<String> organizationFor(String apiKey) {
        return apiKey == null ? Option.none() : Option.of(organizationByKey.get(apiKey));
    }

    @Override
    public void register(String organizationId, String apiKey) {
        organizationByKey.put(apiKey, organizationId);
    }

    @Override
    public boolean isEmpty() {
        return organizationByKey.isEmpty();
    }
}
