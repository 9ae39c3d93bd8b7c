package io.batchcall.application.port.in;

/**
 * A report from the telephony side about one attempt (CONTRACT §8), as sent (null = absent).
 * {@code type} is "connected" or "ended"; {@code optOut} on an ended event puts the number on the suppression list.
 */
public record CallEvent(String batchJobId, String contactId, Integer attempt, String type, String outcome,
                        Integer sipCode, Integer callDuration, String roomName, String failureReason, boolean optOut) {

    public CallEvent(String batchJobId, String contactId, Integer attempt, String type, String outcome,
                     Integer sipCode, Integer callDuration, String roomName, String failureReason) {
        this(batchJobId, contactId, attempt, type, outcome, sipCode, callDuration, roomName, failureReason, false);
    }
}
