package io.batchcall.application.port.out;

import io.batchcall.domain.paging.PageRequest;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/** An organization's do-not-call list (CONTRACT §11), E.164 numbers. */
public interface Suppressions {

    /** A suppressed number. */
    record Suppression(String phoneNumber, Option<String> reason, Instant addedAt) {
    }

    /** Adds the numbers (idempotent); returns how many were new. */
    long suppress(String organizationId, Collection<String> phoneNumbers, Option<String> reason, Instant now);

    Option<Suppression> suppression(String organizationId, String phoneNumber);

    /** The organization's list, oldest first, with the total. */
    Tuple2<List<Suppression>, Long> suppressions(String organizationId, PageRequest page);

    /** Removes a number; false when it was not on the list. */
    boolean unsuppress(String organizationId, String phoneNumber);

    /** Which of {@code phoneNumbers} are on the list (one lookup per chunk, an index range each). */
    Set<String> suppressedAmong(String organizationId, Collection<String> phoneNumbers);
}
