package io.batchcall.bootstrap;

import io.batchcall.application.port.out.IdSource;
import io.batchcall.application.port.out.TimeSource;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The real clock (millisecond precision, as stored) and job ids: only the bootstrap reads them.
 *
 * <p>A job id is {@code bj_}, its creation time (epoch milliseconds, 12 hex digits), then 48 random bits (12 hex
 * digits): ids sort in creation order, so a new job's contact rows go in at the end of every index keyed by job id
 * instead of splitting pages in its middle — a 1M-contact PostgreSQL import whose random id sorted before the
 * existing jobs' took twice as long (BENCHMARKS, "Job ids in creation order"). Clients treat ids as opaque.
 */
final class SystemTime implements TimeSource, IdSource {

    private final SecureRandom random = new SecureRandom();

    @Override
    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public String newJobId() {
        return jobId(System.currentTimeMillis(), random.nextLong());
    }

    static String jobId(long epochMillis, long random) {
        return "bj_" + HexFormat.of().withLowerCase().toHexDigits(epochMillis).substring(4)
                + HexFormat.of().toHexDigits(random).substring(4);
    }

    String newApiKey() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return "bc_" + HexFormat.of().formatHex(bytes);
    }
}
