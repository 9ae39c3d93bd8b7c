package io.batchcall.application.port.out;

import io.vavr.control.Option;

/** Resolves a caller's API key to its organization. Implementations store only hashes of keys. */
public interface ApiKeys {

    Option<String> organizationFor(String apiKey);

    /**
     * The organization of a key known from a recent lookup, answered without I/O (so a caller on an event
     * loop may ask); none when the key must be looked up with {@link #organizationFor}.
     */
    default Option<String> recentOrganizationFor(String apiKey) {
        return Option.none();
    }

    /** Registers a key for an organization (idempotent). */
    void register(String organizationId, String apiKey);

    /** Whether any key exists at all (used to decide whether to generate the first one). */
    boolean isEmpty();
}
