package io.batchcall.application.port.in;

import java.util.List;

/**
 * The fields of POST /batch/create, as sent (null = absent). Validated by {@link CreateBatchJob}.
 * {@code scheduledStartTime} is ISO-8601; without an offset it is read in {@code timezone} (IANA, default UTC).
 */
public record CreateBatchJobCommand(String organizationId, String name, String description, String agentId,
                                    String fromPhoneNumberId, Integer concurrentCallLimit, Integer maxAttempts,
                                    List<String> retryableStatuses, Long retryDelaySeconds,
                                    String scheduledStartTime, String timezone) {
}
