package io.batchcall.domain.job;

import io.batchcall.domain.contact.ContactStatus;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a job does when a machine answers (CONTRACT §15): hang up or leave a message (with {@code {{key}}} placeholders
 * filled from the contact's data), and whether that attempt is retried like a no-answer or ends the contact as
 * {@code completed} with errorCode {@code voicemail}.
 *
 * @param message the message to leave; none with {@code hangup}
 */
public record Voicemail(boolean leaveMessage, Option<String> message, boolean finalOutcome) {

    public static final int MAX_MESSAGE = 2000;
    /** Hang up, retry: what a job without a voicemail policy does. */
    public static final Voicemail DEFAULT = new Voicemail(false, Option.none(), false);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]{1,200}?)\\s*}}");

    public Voicemail {
        if (leaveMessage != message.isDefined() || message.exists(m -> m.isEmpty() || m.length() > MAX_MESSAGE)) {
            throw new IllegalArgumentException("leave_message takes a message of 1-" + MAX_MESSAGE + " characters; hangup none");
        }
    }

    /**
     * A policy as sent ({@code action}, {@code message}, {@code outcome}, each null when absent), checked against the job's
     * {@code machineAnswerOutcome} shorthand ({@code no_answer} = retry, {@code completed} = final): disagreeing → a message.
     */
    public static Either<String, Voicemail> of(String action, String message, String outcome, Option<ContactStatus> shorthand) {
        boolean leave;
        if (action == null || action.equals("hangup")) {
            leave = false;
        } else if (action.equals("leave_message")) {
            leave = true;
        } else {
            return Either.left("voicemail.action must be hangup or leave_message");
        }
        if (leave && (message == null || message.isBlank())) {
            return Either.left("voicemail.message is required with leave_message");
        }
        if (!leave && message != null) {
            return Either.left("voicemail.message goes with action leave_message only");
        }
        if (message != null && message.length() > MAX_MESSAGE) {
            return Either.left("voicemail.message must be at most " + MAX_MESSAGE + " characters");
        }
        Option<Boolean> fin = Option.none();
        if (outcome != null) {
            if (!outcome.equals("retry") && !outcome.equals("final")) {
                return Either.left("voicemail.outcome must be retry or final");
            }
            fin = Option.of(outcome.equals("final"));
        }
        Option<Boolean> implied = shorthand.map(s -> s == ContactStatus.COMPLETED);
        if (fin.isDefined() && implied.isDefined() && !fin.get().equals(implied.get())) {
            return Either.left("voicemail.outcome " + outcome + " disagrees with machineAnswerOutcome " + shorthand.get().wire());
        }
        return Either.right(new Voicemail(leave, Option.of(message), fin.orElse(implied).getOrElse(false)));
    }

    /** What a machine answer counts as: {@code completed} (final) or {@code no_answer} (retry). */
    public ContactStatus machineOutcome() {
        return finalOutcome ? ContactStatus.COMPLETED : ContactStatus.NO_ANSWER;
    }

    /** The message with each {@code {{key}}} replaced by the contact's value for it (empty when it has none). */
    public Option<String> messageFor(Map<String, Object> contactData) {
        return message.map(m -> {
            Matcher matcher = PLACEHOLDER.matcher(m);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                Object value = contactData.get(matcher.group(1));
                matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : String.valueOf(value)));
            }
            matcher.appendTail(out);
            return out.toString();
        });
    }

    public String action() {
        return leaveMessage ? "leave_message" : "hangup";
    }

    public String outcome() {
        return finalOutcome ? "final" : "retry";
    }
}
