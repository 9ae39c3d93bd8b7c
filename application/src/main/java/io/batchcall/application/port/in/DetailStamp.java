package io.batchcall.application.port.in;

import java.time.Instant;

/**
 * What a job-detail answer depended on: the job's version when the read began ({@code JobVersions}) and
 * the instant until which the answer does not move with time alone (its completion estimate and
 * next-callable times). While both hold, the same request gets the same answer without a read.
 */
public record DetailStamp(long version, Instant unchangedUntil) {
}
