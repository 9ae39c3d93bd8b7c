package io.batchcall.adapter.http.dto;

import java.util.List;

/** The bodies of the caller-id endpoints (CONTRACT §14). */
public final class CallerIdDtos {

    private CallerIdDtos() {
    }

    /**
     * One caller id: its number and limits (null: none), today's dials (UTC day), its state ({@code active},
     * {@code resting} until the next UTC midnight, {@code backing_off}) and until when that state holds.
     */
    public record CallerIdDto(String id, String phoneNumber, Double callsPerSecond, Integer dailyCap, long dialsToday, String state,
                              String stateUntil, String nextDialAt, String registeredAt) {
    }

    /** 200 of GET /batch/caller-ids. */
    public record CallerIdList(List<CallerIdDto> callerIds, int total) {
    }

    /** 200 of DELETE /batch/caller-ids/{id}. */
    public record Removed(boolean success, String id, String message) {
    }
}
