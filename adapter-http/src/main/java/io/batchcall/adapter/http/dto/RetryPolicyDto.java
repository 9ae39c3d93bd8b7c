package io.batchcall.adapter.http.dto;

import java.util.List;

public record RetryPolicyDto(int maxAttempts, List<String> retryableStatuses, long retryDelaySeconds) {
}
