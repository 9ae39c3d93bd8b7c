package io.batchcall.adapter.http.dto;

import java.util.List;

/** 201 of POST /batch/create. */
public record CreatedDto(boolean success, String batchJobId, long totalContacts, String status, String scheduledStartTime,
                         long estimatedDuration, String message, long skippedCount, List<SkippedRowDto> skippedRows) {
}
