package io.batchcall.application.port.out;

import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Versions of each job's stored state — its row, counts and contacts — that move after every committed
 * change to it. Only a store that sees every write can offer them: one process owns it (the embedded
 * store, the in-memory one). A store that several processes share answers empty, and then nothing read
 * from it may be served again without reading it again.
 *
 * <p>Reads use them to recognise an answer they already built: a version taken before a read and
 * still the same afterwards means nothing was written to the job since the read began.
 */
public interface JobVersions {

    /** Versions of a store that cannot see every change: always empty. */
    JobVersions UNKNOWN = new JobVersions() {
        @Override
        public OptionalLong version(String jobId) {
            return OptionalLong.empty();
        }

        @Override
        public boolean known() {
            return false;
        }
    };

    /** The job's current version (non-blocking, from memory), or empty when this store cannot know it. */
    OptionalLong version(String jobId);

    /** Whether this store knows every job's version (then {@link #version} is never empty). */
    default boolean known() {
        return true;
    }

    /**
     * The versions of a store whose every write goes through this process: each write to a job, once
     * committed, gives it a version no job had before. Jobs never written since start are at 0.
     */
    final class Tracked implements JobVersions {

        private final AtomicLong clock = new AtomicLong();
        private final ConcurrentHashMap<String, Long> versions = new ConcurrentHashMap<>();

        @Override
        public OptionalLong version(String jobId) {
            return OptionalLong.of(versions.getOrDefault(jobId, 0L));
        }

        /**
         * Runs a write to the job, then moves its version — after the write returned (committed) or
         * failed, never before, so that a read which saw the old state can never carry the new version.
         */
        public <T> T writing(String jobId, Supplier<T> write) {
            try {
                return write.get();
            } finally {
                moved(jobId);
            }
        }

        /** Moves the job's version: call once a change to it is visible to every read that begins from now on. */
        public void moved(String jobId) {
            versions.put(jobId, clock.incrementAndGet());
        }
    }
}
