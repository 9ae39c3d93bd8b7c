package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.collection.List;
import io.vavr.control.Either;

/** Record an attempt's progress or outcome; idempotent per (contact, attempt, type). */
public interface RecordCallEvent {

    default Either<BatchJobError, CallEventReceipt> record(String organizationId, CallEvent event) {
        return recordAll(organizationId, List.of(event)).head();
    }

    /**
     * Several events at once (a telephony side reporting in bulk); each one is answered on its own,
     * in order. Events of one job are stored together in one step.
     */
    List<Either<BatchJobError, CallEventReceipt>> recordAll(String organizationId, List<CallEvent> events);
}
