package io.batchcall.adapter.http.dto;

import java.util.List;

/** A job's calling window (CONTRACT §10): local times, day names, ISO dates. */
public record CallingWindowDto(String start, String end, List<String> days, List<String> blackoutDates) {
}
