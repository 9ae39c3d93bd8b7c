package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

/** Record an attempt's progress or outcome; idempotent per (contact, attempt, type). */
public interface RecordCallEvent {
    Either<BatchJobError, CallEventReceipt> record(String organizationId, CallEvent event);
}
