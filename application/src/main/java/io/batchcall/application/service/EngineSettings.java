package io.batchcall.application.service;

import java.time.Duration;

/**
 * Tunables of the engine.
 *
 * @param organizationConcurrency most contacts of one organization dialing at once, across all its jobs
 * @param attemptDeadline         an attempt with no outcome after this long is closed as failed
 * @param assumedCallSeconds      call length assumed by the create response's estimatedDuration
 * @param maxContactsPerJob       largest accepted contact list
 */
public record EngineSettings(int organizationConcurrency, Duration attemptDeadline, long assumedCallSeconds,
                             long maxContactsPerJob) {

    public static final EngineSettings DEFAULTS = new EngineSettings(50, Duration.ofMinutes(10), 60, 1_000_000);

    public EngineSettings {
        if (organizationConcurrency < 1 || attemptDeadline.isNegative() || attemptDeadline.isZero()
                || assumedCallSeconds < 0 || maxContactsPerJob < 1) {
            throw new IllegalArgumentException("invalid engine settings");
        }
    }

    public EngineSettings withOrganizationConcurrency(int cap) {
        return new EngineSettings(cap, attemptDeadline, assumedCallSeconds, maxContactsPerJob);
    }

    public EngineSettings withAttemptDeadline(Duration deadline) {
        return new EngineSettings(organizationConcurrency, deadline, assumedCallSeconds, maxContactsPerJob);
    }

    public EngineSettings withMaxContactsPerJob(long max) {
        return new EngineSettings(organizationConcurrency, attemptDeadline, assumedCallSeconds, max);
    }
}
