package io.batchcall.adapter.http.dto;

import java.util.List;
import java.util.Map;

/** 200 of GET /batch/calling-rules (CONTRACT §17): the rules in force, in the pack's order. */
public record CallingRulesDto(List<Rule> rules, int count) {

    /** One rule; {@code hours} maps the weekdays it names to their range, or null for closed. */
    public record Rule(String region, Map<String, String> hours, List<String> holidays, String validFrom, String source) {
    }
}
