package io.batchcall.application.port.in;

import java.util.Map;

/**
 * One uploaded row, as read: {@code row} is its 1-based position among the data rows (the CSV header
 * is not counted), {@code phone} the raw value, {@code contactData} every other field as given.
 */
public record ContactRow(long row, String phone, Map<String, Object> contactData) {
}
