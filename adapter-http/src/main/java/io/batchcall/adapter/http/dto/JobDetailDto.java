package io.batchcall.adapter.http.dto;

import java.util.List;
import java.util.Map;

/** GET /batch/jobs/{id}: field names exactly as in the seed page. */
public record JobDetailDto(String id, String name, String description, String status, String organizationId,
                           String agentId, String fromPhoneNumberId, long totalContacts, long contactsProcessed,
                           long successfulCalls, long failedCalls, Map<String, Long> statusBreakdown,
                           String scheduledStartTime, String actualStartTime, String completedAt,
                           String estimatedCompletionTime, String estimatedCompletionTimeLow,
                     String estimatedCompletionTimeHigh, String baselineEstimatedCompletionTime, String createdAt, int concurrentCallLimit,
                           RetryPolicyDto retryPolicy, CallingWindowDto callingWindow, String parentBatchJobId,
                           String machineAnswerOutcome, List<ContactDto> contacts,
                           long contactsTotal, int contactsPage, int contactsPageSize, boolean contactsHasMore) {
}
