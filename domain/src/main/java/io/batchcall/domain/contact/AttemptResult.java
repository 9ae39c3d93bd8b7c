package io.batchcall.domain.contact;

import io.vavr.control.Option;

/**
 * What the telephony side reported at the end of one attempt. Text longer than its column is cut
 * ({@link Texts}): a dialer's words never make an outcome unstorable.
 */
public record AttemptResult(ContactStatus outcome, Option<String> errorCode, Option<String> failureReason,
                            Option<Integer> callDuration, Option<String> roomName, Conversation conversation) {

    /** An attempt's result with nothing reported of its conversation. */
    public AttemptResult(ContactStatus outcome, Option<String> errorCode, Option<String> failureReason,
                         Option<Integer> callDuration, Option<String> roomName) {
        this(outcome, errorCode, failureReason, callDuration, roomName, Conversation.NONE);
    }

    public AttemptResult {
        java.util.Objects.requireNonNull(conversation, "conversation");
        errorCode = Texts.truncate(errorCode, Texts.MAX_ERROR_CODE);
        failureReason = Texts.truncate(failureReason, Texts.MAX_FAILURE_REASON);
        roomName = Texts.truncate(roomName, Texts.MAX_ROOM_NAME);
    }

    public static AttemptResult of(ContactStatus outcome) {
        return new AttemptResult(outcome, Option.none(), Option.none(), Option.none(), Option.none());
    }

    /** An outcome derived from a SIP failure code; the code is kept as the errorCode. */
    public static AttemptResult fromSip(int sipCode, Option<String> failureReason) {
        return new AttemptResult(SipCodes.outcomeFor(sipCode), Option.of(Integer.toString(sipCode)), failureReason,
                Option.none(), Option.none());
    }

    public AttemptResult withCallDuration(Option<Integer> seconds) {
        return new AttemptResult(outcome, errorCode, failureReason, seconds, roomName, conversation);
    }

    public AttemptResult withRoomName(Option<String> room) {
        return new AttemptResult(outcome, errorCode, failureReason, callDuration, room, conversation);
    }
}
