package io.batchcall.application.memory;

import io.batchcall.application.port.out.IdSource;

import java.util.concurrent.atomic.AtomicLong;

/** Predictable job ids ({@code prefix1}, {@code prefix2}, …) for tests. */
public final class SequentialIds implements IdSource {

    private final String prefix;
    private final AtomicLong next = new AtomicLong();

    public SequentialIds(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public String newJobId() {
        return prefix + next.incrementAndGet();
    }
}
