package io.batchcall.adapter.http.dto;

import java.util.List;

/** The bodies of the suppression-list endpoints (CONTRACT §11). */
public final class SuppressionDtos {

    private SuppressionDtos() {
    }

    /** 200 of POST /batch/suppressions. */
    public record Added(boolean success, long added, long alreadyPresent, long skippedCount, List<SkippedRowDto> skippedRows) {
    }

    /** 200 of GET /batch/suppressions?phoneNumber=. */
    public record Lookup(String phoneNumber, boolean suppressed, String reason, String addedAt) {
    }

    /** One number of the list. */
    public record Entry(String phoneNumber, String reason, String addedAt) {
    }

    /** 200 of GET /batch/suppressions (paged). */
    public record Page(List<Entry> suppressions, long total, int page, int pageSize) {
    }

    /** 200 of DELETE /batch/suppressions/{phoneNumber}. */
    public record Removed(boolean success, String phoneNumber, String message) {
    }
}
