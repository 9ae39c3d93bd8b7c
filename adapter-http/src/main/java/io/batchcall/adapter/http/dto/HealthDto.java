package io.batchcall.adapter.http.dto;

/** GET /health. */
public record HealthDto(String status) {
}
