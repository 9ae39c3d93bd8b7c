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
                     boolean stickyCallerId, DispositionsDto dispositions, int maxCallbacks, VoicemailDto voicemail,
                     String endAt, boolean requireConsent) {

    /** CONTRACT §15: what a machine answer does. */
    public record VoicemailDto(String action, String message, String outcome) {
    }

    /** CONTRACT §15: dispositions that end a contact, and those that also suppress its number. */
    public record DispositionsDto(java.util.List<String> finalDispositions, java.util.List<String> optOut) {
        @com.fasterxml.jackson.annotation.JsonProperty("final")
        public java.util.List<String> finalDispositions() {
            return finalDispositions;
        }
    }
}
