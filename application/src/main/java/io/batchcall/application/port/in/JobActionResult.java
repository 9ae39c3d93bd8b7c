package io.batchcall.application.port.in;

import io.batchcall.domain.job.BatchJob;
import io.vavr.control.Option;

/**
 * The job after an action. {@code contactsAffected} is, for start, the contacts waiting to be dialed
 * (contactsEnqueued); for cancel, the contacts cancelled; empty for the other actions.
 */
public record JobActionResult(BatchJob job, Option<Long> contactsAffected) {
}
