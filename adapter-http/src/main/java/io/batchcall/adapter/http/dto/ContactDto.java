package io.batchcall.adapter.http.dto;

import java.util.Map;

/** A contact on the wire (seed: Contact Object). */
public record ContactDto(String id, String phoneNumber, Map<String, Object> contactData, String status, String errorCode,
                         int attemptCount, int maxAttempts, String lastAttemptAt, String nextRetryAt, String completedAt,
                         String roomName, String failureReason, Integer callDuration, String timezone, String nextCallableAt,
                         String callerId) {
}
