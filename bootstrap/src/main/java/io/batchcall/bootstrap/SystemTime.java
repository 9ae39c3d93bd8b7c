package io.batchcall.bootstrap;

import io.batchcall.application.port.out.IdSource;
import io.batchcall.application.port.out.TimeSource;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/** The real clock (millisecond precision, as stored) and random job ids: only the bootstrap reads them. */
final class SystemTime implements TimeSource, IdSource {

    private final SecureRandom random = new SecureRandom();

    @Override
    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public String newJobId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return "bj_" + HexFormat.of().formatHex(bytes);
    }

    String newApiKey() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return "bc_" + HexFormat.of().formatHex(bytes);
    }
}
