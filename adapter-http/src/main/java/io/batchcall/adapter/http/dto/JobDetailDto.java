package io.batchcall.adapter.http.dto;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;

/**
 * GET /batch/jobs/{id}: the job's fields exactly as in the list (unwrapped: written at the top level, in
 * {@link JobDto}'s order, as the seed page names them), then one page of its contacts and the paging figures.
 */
public record JobDetailDto(@JsonUnwrapped JobDto job, PacingDto pacing, java.util.Map<String, Long> dispositionBreakdown,
                           java.util.Map<String, Long> regionBreakdown,
                           List<ContactDto> contacts, long contactsTotal, int contactsPage, int contactsPageSize, boolean contactsHasMore) {

    /** CONTRACT §14: dials per second over the last 10 s, and what holds the job back most. */
    public record PacingDto(double dialsPerSecond, String limitedBy) {
    }
}
