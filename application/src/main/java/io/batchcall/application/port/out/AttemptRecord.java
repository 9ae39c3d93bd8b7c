package io.batchcall.application.port.out;

import io.batchcall.domain.contact.Contact;
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

    /**
     * The attempt a contact change ended, if it ended one: dialing before, not after, the attempt still counted (a dial
     * undone for a provider's refusal is not an attempt). Every store keeps its history by this one rule, from the change
     * itself — whichever path ended the attempt (a call event, a refused dial, the deadline, a provider's record).
     */
    public static Option<AttemptRecord> endedBy(Contact before, Contact after, Instant now) {
        if (before.status() != ContactStatus.DIALING || after.status() == ContactStatus.DIALING || after.attemptCount() != before.attemptCount()) {
            return Option.none();
        }
        boolean completed = after.status() == ContactStatus.COMPLETED;
        // a retried contact keeps its last call's length: this attempt has one only when it set it
        Option<Integer> duration = completed || !before.callDuration().equals(after.callDuration()) ? after.callDuration() : Option.none();
        return Option.of(new AttemptRecord(before.attemptCount(), before.lastAttemptAt(), now,
                after.conversation().outcome().getOrElse(after.status()), after.errorCode(), duration, after.callerId(), after.roomName(),
                completed ? Option.none() : after.failureReason(), after.conversation()));
    }

    /** How a contact change moves the job's disposition counts: -1 for the last disposition it had, +1 for the one it has. */
    public static java.util.Map<String, Long> dispositionMoves(Contact before, Contact after) {
        Option<String> was = before.conversation().disposition();
        Option<String> is = after.conversation().disposition();
        java.util.Map<String, Long> moves = new java.util.HashMap<>();
        if (!was.equals(is)) {
            was.forEach(d -> moves.merge(d, -1L, Long::sum));
            is.forEach(d -> moves.merge(d, 1L, Long::sum));
        }
        return moves;
    }
}
