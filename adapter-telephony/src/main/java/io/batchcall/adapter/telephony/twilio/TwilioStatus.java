package io.batchcall.adapter.telephony.twilio;

import io.batchcall.application.port.in.CallEvent;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.Map;

/**
 * A Twilio status callback as a call event (CONTRACT §2 outcomes). {@code CallStatus}: queued, initiated and
 * ringing report nothing; in-progress is "connected"; completed, busy, no-answer and failed end
 * the attempt; canceled reports nothing (a call canceled before an answer is one a pause or a cancel stopped:
 * the engine undoes that attempt itself). A failed call's {@code SipResponseCode} maps through CONTRACT §2's SIP table; a call answered
 * by a machine ({@code AnsweredBy} machine_* or fax) counts as the configured outcome; {@code CallDuration}
 * (seconds) is the call's length. The asynchronous AMD callback (AnsweredBy, no CallStatus) ends the attempt
 * at once when a machine answered and a machine answer counts as anything but completed (the caller then
 * hangs the call up: nobody is there for the agent); else it reports nothing and the call goes on.
 */
public final class TwilioStatus {

    private TwilioStatus() {
    }

    /** The event of one callback, or none (a status that reports nothing). */
    public static Option<Either<BatchJobError, CallEvent>> event(Map<String, String> params, String jobId, String contactId, int attempt,
                                          ContactStatus machineOutcome) {
        String status = params.getOrDefault("CallStatus", "");
        Integer duration = number(params.get("CallDuration"));
        Integer sip = number(params.get("SipResponseCode"));
        String answeredBy = params.getOrDefault("AnsweredBy", "");
        boolean machine = answeredBy.startsWith("machine") || answeredBy.equals("fax");
        String room = params.get("CallSid");
        if (status.isEmpty() && !answeredBy.isEmpty()) {
            return machine && machineOutcome != ContactStatus.COMPLETED
                    ? Option.of(CallEvent.of(jobId, contactId, attempt, "ended", machineOutcome.wire(), null, duration, room,
                            "answered by a machine (" + answeredBy + ")"))
                    : Option.none();
        }
        return switch (status) {
            case "in-progress" -> Option.of(CallEvent.of(jobId, contactId, attempt, "connected", null, null, null, room, null));
            case "completed" -> Option.of(machine
                    ? CallEvent.of(jobId, contactId, attempt, "ended", machineOutcome.wire(), null, duration, room, "answered by a machine (" + answeredBy + ")")
                    : CallEvent.of(jobId, contactId, attempt, "ended", "completed", null, duration, room, null));
            case "busy" -> Option.of(ended(jobId, contactId, attempt, sip, "busy", room, "Twilio: busy"));
            case "no-answer" -> Option.of(ended(jobId, contactId, attempt, sip, "no_answer", room, "Twilio: no answer"));
            // a call canceled before an answer is one batchcall canceled (a paused or cancelled job): the engine undoes the
            // attempt itself when Twilio confirms; a cancel by anyone else closes at the deadline, from Twilio's record
            case "canceled" -> Option.none();
            case "failed" -> Option.of(ended(jobId, contactId, attempt, sip, sip == null ? "failed" : null, room,
                    "Twilio: failed" + (sip == null ? "" : " (SIP " + sip + ")")));
            default -> Option.none(); // queued, initiated, ringing, or a status this version does not know
        };
    }

    /**
     * What Twilio's call record ({@code status}, {@code duration}, {@code answered_by}) says of a call whose callback never
     * came: queued, ringing, in-progress are still live; the rest end it as their callback would have.
     */
    public static io.batchcall.application.port.out.CallLookup lookup(String status, Object duration, String answeredBy,
                                                                     ContactStatus machineOutcome) {
        Integer seconds = duration == null ? null : number(duration.toString());
        boolean machine = answeredBy != null && (answeredBy.startsWith("machine") || answeredBy.equals("fax"));
        String reason = "no status callback arrived; Twilio's record of the call says " + status;
        ContactStatus outcome;
        switch (status) {
            case "queued", "ringing", "in-progress" -> {
                return new io.batchcall.application.port.out.CallLookup.Live();
            }
            case "completed" -> outcome = machine ? machineOutcome : ContactStatus.COMPLETED;
            case "busy" -> outcome = ContactStatus.BUSY;
            case "no-answer" -> outcome = ContactStatus.NO_ANSWER;
            case "canceled", "failed" -> outcome = ContactStatus.FAILED;
            default -> {
                return new io.batchcall.application.port.out.CallLookup.Unknown("Twilio's call status '" + status + "'");
            }
        }
        return new io.batchcall.application.port.out.CallLookup.Ended(new io.batchcall.domain.contact.AttemptResult(outcome,
                Option.none(), outcome == ContactStatus.COMPLETED ? Option.none() : Option.of(reason),
                outcome == ContactStatus.COMPLETED || machine ? Option.of(seconds == null ? 0 : seconds) : Option.none(), Option.none()));
    }

    /** Whether this callback is the asynchronous AMD verdict that a machine answered. */
    public static boolean machineVerdict(Map<String, String> params) {
        String answeredBy = params.getOrDefault("AnsweredBy", "");
        return params.getOrDefault("CallStatus", "").isEmpty() && (answeredBy.startsWith("machine") || answeredBy.equals("fax"));
    }

    private static Either<BatchJobError, CallEvent> ended(String jobId, String contactId, int attempt, Integer sip, String outcome, String room, String reason) {
        // with a SIP code and no outcome the engine maps the code (CONTRACT §2); a named outcome keeps the code as errorCode
        return CallEvent.of(jobId, contactId, attempt, "ended", outcome, sip, 0, room, reason);
    }

    private static Integer number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
