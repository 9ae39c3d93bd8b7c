package io.batchcall.application.port.in;

/** A row left out of a job: its position, the phone value as given, and why (missing_phone, invalid_phone, duplicate_phone). */
public record SkippedRow(long row, String value, String reason) {
}
