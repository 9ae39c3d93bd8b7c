package io.batchcall.application.port.out;

import io.vavr.control.Option;

/** Resolves a caller's API key to its organization. Implementations store only hashes of keys. */
public interface ApiKeys {

    Option<String> organizationFor(String apiKey);

    /** Registers a key for an organization (idempotent). */
    void register(String organizationId, String apiKey);

    /** Whether any key exists at all (used to decide whether to generate the first one). */
    boolean isEmpty();
}
