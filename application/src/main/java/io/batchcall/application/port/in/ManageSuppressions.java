package io.batchcall.application.port.in;

import io.batchcall.application.port.out.Suppressions;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;


/** An organization's do-not-call list (CONTRACT §11): add, look up, list, remove. */
public interface ManageSuppressions {

    /** Longest reason kept with a suppressed number. */
    int MAX_REASON_LENGTH = 200;
    /** Largest page of the list. */
    int MAX_PAGE_SIZE = 500;

    /** The outcome of an add: numbers new to the list, numbers already on it, rows skipped. */
    record Added(long added, long alreadyPresent, long skippedCount, java.util.List<SkippedRow> skippedRows) {
    }

    /** One page of the list. */
    record Page(List<Suppressions.Suppression> suppressions, long total, int page, int pageSize) {
    }

    /** The reason kept with added numbers, as sent: at most {@link #MAX_REASON_LENGTH} characters; blank = none. */
    static Either<BatchJobError, Option<String>> reason(String raw) {
        if (raw != null && raw.length() > MAX_REASON_LENGTH) {
            return Either.left(new BatchJobError.InvalidInput("invalid_reason", "reason must be at most " + MAX_REASON_LENGTH + " characters"));
        }
        return Either.right(Option.of(raw).filter(r -> !r.isBlank()));
    }

    /** A number as sent: E.164 (surrounding spaces ignored), else {@code invalid_phone_number}. */
    static Either<BatchJobError, io.batchcall.domain.contact.PhoneNumber> number(String raw) {
        return io.batchcall.domain.contact.PhoneNumber.parse(raw == null ? null : raw.trim())
                .mapLeft(e -> new BatchJobError.InvalidInput("invalid_phone_number", "phoneNumber must be E.164 such as +14155550123"));
    }

    /** A page of the list as sent: {@code page} ≥ 1, {@code pageSize} 1–500 (default 50). */
    static Either<BatchJobError, io.batchcall.domain.paging.PageRequest> page(String page, String pageSize) {
        return io.batchcall.domain.paging.PageRequest.parse(page, pageSize, 50, MAX_PAGE_SIZE);
    }

    Either<BatchJobError, Added> add(String organizationId, ContactRows numbers, Option<String> reason);

    Either<BatchJobError, Option<Suppressions.Suppression>> lookup(String organizationId, io.batchcall.domain.contact.PhoneNumber number);

    Either<BatchJobError, Page> list(String organizationId, io.batchcall.domain.paging.PageRequest page);

    Either<BatchJobError, String> remove(String organizationId, io.batchcall.domain.contact.PhoneNumber number);
}
