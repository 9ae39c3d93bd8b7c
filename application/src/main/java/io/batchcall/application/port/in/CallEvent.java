package io.batchcall.application.port.in;

import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.Texts;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.error.BatchJobError.InvalidInput;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * A report from the telephony side about one attempt (CONTRACT §8), checked: built only by {@link #of}, which
 * takes the fields as sent (null = absent) and answers the first problem ({@code invalid_event},
 * {@code invalid_outcome}). {@code optOut} on an ended event puts the number on the suppression list. An ended
 * event has an outcome or a SIP code (the outcome then is the code's, CONTRACT §2), and may carry what the
 * conversation produced (CONTRACT §15: disposition, outcomeData, answeredBy, callbackAt).
 */
public record CallEvent(String batchJobId, String contactId, int attempt, Kind kind, Option<ContactStatus> outcome,
                        Option<Integer> sipCode, Option<Integer> callDuration, Option<String> roomName, Option<String> failureReason,
                        boolean optOut, io.batchcall.domain.contact.Conversation conversation) {

    /** A callbackAt in the contact's own time zone: {@code YYYY-MM-DDTHH:mm}. */
    private static final java.util.regex.Pattern LOCAL_MINUTE = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

    /** Longest job or contact id worth looking up (ours are far shorter): a longer one names nothing that exists. */
    public static final int MAX_ID = 200;

    /** What the event reports. */
    public enum Kind {
        /** The call was answered. */
        CONNECTED("connected"),
        /** The attempt ended, with its outcome. */
        ENDED("ended");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public static Either<BatchJobError, CallEvent> of(String batchJobId, String contactId, Integer attempt, String type, String outcome,
                                                     Integer sipCode, Integer callDuration, String roomName, String failureReason) {
        return of(batchJobId, contactId, attempt, type, outcome, sipCode, callDuration, roomName, failureReason, false);
    }

    public static Either<BatchJobError, CallEvent> of(String batchJobId, String contactId, Integer attempt, String type, String outcome,
                                                     Integer sipCode, Integer callDuration, String roomName, String failureReason,
                                                     boolean optOut) {
        return of(batchJobId, contactId, attempt, type, outcome, sipCode, callDuration, roomName, failureReason, optOut, null, null, null, null);
    }

    /**
     * The fields as sent, checked in the order of docs/api.md; the first problem is the answer.
     *
     * @param outcomeData a JSON object as a map, its size and depth checked where it was read
     * @param callbackAt  ISO-8601 with an offset, or {@code YYYY-MM-DDTHH:mm} in the contact's time zone
     */
    public static Either<BatchJobError, CallEvent> of(String batchJobId, String contactId, Integer attempt, String type, String outcome,
                                                     Integer sipCode, Integer callDuration, String roomName, String failureReason,
                                                     boolean optOut, String disposition, java.util.Map<String, Object> outcomeData, String answeredBy,
                                                     String callbackAt) {
        if (batchJobId == null || batchJobId.isBlank()) {
            return invalid("invalid_event", "batchJobId is required");
        }
        if (contactId == null || contactId.isBlank()) {
            return invalid("invalid_event", "contactId is required");
        }
        if (attempt == null || attempt < 1) {
            return invalid("invalid_event", "attempt must be an integer >= 1");
        }
        Kind kind = Kind.CONNECTED.wire().equals(type) ? Kind.CONNECTED : Kind.ENDED.wire().equals(type) ? Kind.ENDED : null;
        if (kind == null) {
            return invalid("invalid_event", "type must be 'connected' or 'ended'");
        }
        if (callDuration != null && callDuration < 0) {
            return invalid("invalid_event", "callDuration must be >= 0");
        }
        if (failureReason != null && failureReason.length() > Texts.MAX_FAILURE_REASON) {
            return invalid("invalid_event", "failureReason must be at most " + Texts.MAX_FAILURE_REASON + " characters");
        }
        if (roomName != null && roomName.length() > Texts.MAX_ROOM_NAME) {
            return invalid("invalid_event", "roomName must be at most " + Texts.MAX_ROOM_NAME + " characters");
        }
        if (batchJobId.length() > MAX_ID || contactId.length() > MAX_ID) {
            return Either.left(new BatchJobError.JobNotFound(batchJobId.substring(0, Math.min(MAX_ID, batchJobId.length()))));
        }
        Option<ContactStatus> checked = Option.none();
        if (outcome != null && !outcome.isEmpty()) {
            checked = ContactStatus.fromWire(outcome).filter(ContactStatus::isOutcome);
            if (checked.isEmpty()) {
                return invalid("invalid_outcome", "outcome must be one of " + ContactStatus.outcomes().map(ContactStatus::wire).mkString(", "));
            }
        }
        if (kind == Kind.ENDED && checked.isEmpty() && sipCode == null) {
            return invalid("invalid_outcome", "an ended event needs an outcome or a sipCode");
        }
        if (kind == Kind.CONNECTED && (disposition != null || outcomeData != null || answeredBy != null || callbackAt != null)) {
            return invalid("invalid_event", "only an ended event carries disposition, outcomeData, answeredBy or callbackAt");
        }
        var d = io.batchcall.domain.contact.Conversation.disposition(disposition);
        if (d.isLeft()) {
            return invalid("invalid_event", d.getLeft());
        }
        Option<io.batchcall.domain.contact.AnsweredBy> by = Option.of(answeredBy).flatMap(io.batchcall.domain.contact.AnsweredBy::fromWire);
        if (answeredBy != null && by.isEmpty()) {
            return invalid("invalid_event", "answeredBy must be human, machine or unknown");
        }
        if (callbackAt != null && !callbackTime(callbackAt)) {
            return invalid("invalid_event", "callbackAt must be ISO-8601 with an offset (2026-03-02T15:00:00+01:00) or YYYY-MM-DDTHH:mm");
        }
        var conversation = new io.batchcall.domain.contact.Conversation(d.get(), by, Option.of(outcomeData), Option.of(callbackAt));
        return Either.right(new CallEvent(batchJobId, contactId, attempt, kind, checked, Option.of(sipCode), Option.of(callDuration),
                Option.of(roomName).filter(s -> !s.isBlank()), Option.of(failureReason).filter(s -> !s.isBlank()), optOut, conversation));
    }

    /** Whether a callbackAt reads as an instant (with an offset) or a local minute. */
    public static boolean callbackTime(String value) {
        if (value.length() > 40) {
            return false;
        }
        if (LOCAL_MINUTE.matcher(value).matches()) {
            try {
                java.time.LocalDateTime.parse(value);
                return true;
            } catch (java.time.format.DateTimeParseException e) {
                return false;
            }
        }
        try {
            java.time.OffsetDateTime.parse(value);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static <T> Either<BatchJobError, T> invalid(String code, String message) {
        return Either.left(new InvalidInput(code, message));
    }
}
