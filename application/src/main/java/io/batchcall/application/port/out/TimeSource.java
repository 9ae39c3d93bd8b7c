package io.batchcall.application.port.out;

import java.time.Instant;

/** The only way the engine learns the time. Tests pass a manual one. */
@FunctionalInterface
public interface TimeSource {
    Instant now();
}
