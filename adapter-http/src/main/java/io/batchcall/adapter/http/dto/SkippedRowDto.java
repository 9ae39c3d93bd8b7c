package io.batchcall.adapter.http.dto;

/** A row left out of a created job: its number, the phone value as given, and why. */
public record SkippedRowDto(long row, String value, String reason) {
}
