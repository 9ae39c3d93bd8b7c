package io.batchcall.application.port.in;

import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.error.BatchJobError.InvalidInput;
import io.batchcall.domain.job.BatchJob;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * A retry of a final job's contacts (CONTRACT §13), checked: the terminal statuses to take again (none: the
 * job's retryable statuses) and the new job's name (none: the parent's with " (retry)").
 */
public record RetryRequest(String organizationId, String batchJobId, Option<Set<ContactStatus>> statuses, Option<String> name) {

    /** The body's values as sent (null = absent): {@code invalid_statuses}, {@code name_too_long}. */
    public static Either<BatchJobError, RetryRequest> of(String organizationId, String batchJobId, java.util.List<String> statuses, String name) {
        Option<Set<ContactStatus>> wanted = Option.none();
        if (statuses != null) {
            List<Option<ContactStatus>> parsed = List.ofAll(statuses).map(ContactStatus::fromWire);
            if (statuses.isEmpty() || parsed.exists(Option::isEmpty) || parsed.exists(s -> !s.get().isTerminal())) {
                return Either.left(new InvalidInput("invalid_statuses", "statuses must list terminal contact statuses, e.g. [\"no_answer\",\"busy\"]"));
            }
            wanted = Option.of(LinkedHashSet.ofAll(parsed.map(Option::get)));
        }
        if (name != null && (name.isBlank() || name.length() > BatchJob.MAX_NAME_LENGTH)) {
            return Either.left(new InvalidInput("name_too_long", "name must be 1 to " + BatchJob.MAX_NAME_LENGTH + " characters"));
        }
        return Either.right(new RetryRequest(organizationId, batchJobId, wanted, Option.of(name).map(String::trim)));
    }
}
