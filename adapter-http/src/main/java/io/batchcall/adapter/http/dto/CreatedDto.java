package io.batchcall.adapter.http.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** 201 of POST /batch/create (and of a retry, which adds parentBatchJobId). */
public record CreatedDto(boolean success, String batchJobId, long totalContacts, String status, String scheduledStartTime,
                         long estimatedDuration, String message, long skippedCount, List<SkippedRowDto> skippedRows,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String parentBatchJobId) {
}
