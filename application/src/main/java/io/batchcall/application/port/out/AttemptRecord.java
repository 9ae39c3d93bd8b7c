package io.batchcall.application.port.out;

import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.Conversation;
import io.vavr.control.Option;

import java.time.Instant;

/**
 * One closed attempt of a contact, as its timeline shows it (CONTRACT §15): when it started and ended, what it ended
 * as, the SIP or error code, the call's length, the caller id it was dialed from, and what the conversation produced.
 */
public record AttemptRecord(int attempt, Option<Instant> startedAt, Instant endedAt, ContactStatus status, Option<String> errorCode,
                            Option<Integer> callDuration, Option<String> callerId, Option<String> roomName, Option<String> failureReason,
                            Conversation conversation) {
}
