package io.batchcall.adapter.http.dto;


import java.util.Map;

/**
 * A contact on the wire (seed: Contact Object), with its last conversation (CONTRACT §15): {@code outcomeData} is
 * written as the JSON object it was checked and stored as.
 */
public record ContactDto(String id, String phoneNumber, Map<String, Object> contactData, String status, String errorCode,
                         int attemptCount, int maxAttempts, String lastAttemptAt, String nextRetryAt, String completedAt,
                         String roomName, String failureReason, Integer callDuration, String timezone, String nextCallableAt,
                         String callerId, String disposition, String answeredBy, String callbackAt, Map<String, Object> outcomeData,
                         String region) {
}
