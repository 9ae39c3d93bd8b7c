package io.batchcall.application.port.in;

/**
 * A report from the telephony side about one attempt (CONTRACT §8), as sent (null = absent).
 * {@code type} is "connected" or "ended".
 */
public record CallEvent(String batchJobId, String contactId, Integer attempt, String type, String outcome,
                        Integer sipCode, Integer callDuration, String roomName, String failureReason) {
}
