package io.batchcall.adapter.http.dto;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;
import java.util.Map;

/**
 * GET /batch/jobs/{id}/contacts/{contactId} (CONTRACT §15): the contact as the detail shows it, how many of its attempts
 * a machine answered, its attempts and its waits.
 */
public record TimelineDto(@JsonUnwrapped ContactDto contact, int voicemails, List<AttemptDto> attempts, List<WaitDto> waits) {

    /** One closed attempt; {@code sipCode} when its error code is a SIP code. */
    public record AttemptDto(int attempt, String startedAt, String endedAt, String status, Integer sipCode, String errorCode,
                             Integer callDuration, String callerId, String failureReason, String disposition, String answeredBy,
                             String callbackAt, Map<String, Object> outcomeData) {
    }

    /** A time the contact was due and not dialed: from when, until when (null: not known), and why. */
    public record WaitDto(String at, String until, String reason) {
    }
}
