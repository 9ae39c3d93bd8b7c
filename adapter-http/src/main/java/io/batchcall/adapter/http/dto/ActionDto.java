package io.batchcall.adapter.http.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * 200 of start, cancel, pause, resume and reschedule. Fields that belong to one action only are left
 * out of the others' answers: {@code contactsEnqueued} and {@code startedAt} (start),
 * {@code contactsCancelled} (cancel), {@code scheduledStartTime} (reschedule).
 */
public record ActionDto(boolean success, String message, String batchJobId, String status,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Long contactsEnqueued,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String startedAt,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Long contactsCancelled,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String scheduledStartTime) {
}
