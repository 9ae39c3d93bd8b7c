package io.batchcall.adapter.http.dto;

import java.util.Map;

/** A job in GET /batch/jobs: the detail's job, progress, timing and settings fields. */
public record JobDto(String id, String name, String description, String status, String organizationId, String agentId,
                     String fromPhoneNumberId, long totalContacts, long contactsProcessed, long successfulCalls,
                     long failedCalls, Map<String, Long> statusBreakdown, String scheduledStartTime,
                     String actualStartTime, String completedAt, String estimatedCompletionTime, String estimatedCompletionTimeLow,
                     String estimatedCompletionTimeHigh, String baselineEstimatedCompletionTime, String createdAt,
                     int concurrentCallLimit, RetryPolicyDto retryPolicy, CallingWindowDto callingWindow, String parentBatchJobId,
                     String machineAnswerOutcome, java.util.List<String> fromPhoneNumberIds, String callerIdSelection,
                     boolean stickyCallerId) {
}
