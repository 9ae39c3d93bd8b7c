package io.batchcall.application.port.out;

import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.BatchJob;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.function.BiFunction;

/** One requested change to one contact: its position, the idempotency key if any, and the transition. */
public record ContactChange(long seq, Option<EventKey> key, BiFunction<BatchJob, Contact, Either<BatchJobError, Contact>> change) {
}
