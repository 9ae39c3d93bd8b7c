package io.batchcall.adapter.http.dto;

import java.util.List;
import java.util.Map;

/** 200 of POST /batch/create?dryRun=true: what a create would do; nothing is stored. */
public record DryRunDto(boolean success, boolean dryRun, long totalContacts, String status, String scheduledStartTime,
                        long estimatedDuration, CallingWindowDto callingWindow, long skippedCount, List<SkippedRowDto> skippedRows,
                        Map<String, Long> skippedByReason,
                        Map<String, Long> timezones, String firstCallableAt, Map<String, Long> regions) {
}
