package io.batchcall.application.memory;

import io.batchcall.application.port.out.TimeSource;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when told to: deterministic tests of schedules, retries and deadlines. */
public final class ManualTimeSource implements TimeSource {

    private final AtomicReference<Instant> now;

    public ManualTimeSource(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public Instant now() {
        return now.get();
    }

    public Instant advance(Duration by) {
        return now.updateAndGet(t -> t.plus(by));
    }

    public void set(Instant to) {
        now.set(to);
    }
}
