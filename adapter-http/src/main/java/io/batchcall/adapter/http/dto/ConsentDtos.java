package io.batchcall.adapter.http.dto;

import java.util.List;

/** The bodies of the consent endpoints (CONTRACT §17). */
public final class ConsentDtos {

    private ConsentDtos() {
    }

    /** A consent record as shown; {@code revokedAt} null while it is in force. */
    public record Record(String phoneNumber, String source, String grantedAt, String text, String recordedAt, String revokedAt) {
    }

    /** 201 (new) or 200 (updated) of POST /batch/consents with one consent. */
    public record Granted(boolean success, Record consent) {
    }

    /** 200 of POST /batch/consents with a CSV file. */
    public record Added(boolean success, long added, long updated, long skippedCount, List<SkippedRowDto> skippedRows) {
    }

    /** 200 of GET /batch/consents?phoneNumber=. */
    public record Lookup(String phoneNumber, boolean consented, Record consent, List<Record> records) {
    }

    /** 200 of DELETE /batch/consents/{phoneNumber}. */
    public record Revoked(boolean success, Record consent) {
    }
}
