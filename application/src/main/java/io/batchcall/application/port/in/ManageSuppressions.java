package io.batchcall.application.port.in;

import io.batchcall.application.port.out.Suppressions;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.Iterator;

/** An organization's do-not-call list (CONTRACT §11): add, look up, list, remove. */
public interface ManageSuppressions {

    /** Longest reason kept with a suppressed number. */
    int MAX_REASON_LENGTH = 200;

    /** The outcome of an add: numbers new to the list, numbers already on it, rows skipped. */
    record Added(long added, long alreadyPresent, long skippedCount, java.util.List<SkippedRow> skippedRows) {
    }

    /** One page of the list. */
    record Page(List<Suppressions.Suppression> suppressions, long total, int page, int pageSize) {
    }

    Either<BatchJobError, Added> add(String organizationId, ContactRows numbers, String reason);

    /** Left invalid_phone_number for a number that is not E.164. */
    Either<BatchJobError, Option<Suppressions.Suppression>> lookup(String organizationId, String phoneNumber);

    Either<BatchJobError, Page> list(String organizationId, String page, String pageSize);

    Either<BatchJobError, String> remove(String organizationId, String phoneNumber);
}
