package io.batchcall.application.service;

import io.batchcall.domain.contact.AttemptCap;
import io.batchcall.domain.window.CallingWindow;
import io.vavr.control.Option;

import java.time.Duration;

/**
 * Tunables of the engine.
 *
 * @param organizationConcurrency most contacts of one organization dialing at once, across all its jobs
 * @param attemptDeadline         an attempt with no outcome after this long is closed as failed
 * @param assumedCallSeconds      call length assumed by the create response's estimatedDuration
 * @param maxContactsPerJob       largest accepted contact list
 * @param defaultCallingWindow    the window of jobs created without one ({@code BATCHCALL_CALLING_WINDOW}); none = any time
 * @param numberAttemptCap        most dials of one number per organization in a rolling window ({@code BATCHCALL_NUMBER_ATTEMPT_CAP})
 * @param organizationDialRate    most new dials per second of one organization, across every instance ({@code BATCHCALL_DIAL_RATE})
 * @param pacingHorizon           how far ahead of now one pass may schedule paced dials (the server: two dispatcher periods, so a pass that runs late leaves no gap)
 */
public record EngineSettings(int organizationConcurrency, Duration attemptDeadline, long assumedCallSeconds,
                             long maxContactsPerJob, Option<CallingWindow> defaultCallingWindow, Option<AttemptCap> numberAttemptCap,
                             Option<Double> organizationDialRate, Duration pacingHorizon, Option<Duration> conversationPause,
                             io.batchcall.domain.window.CallingRules callingRules) {

    /** Without calling rules by region (CONTRACT §17's {@code BATCHCALL_CALLING_RULES}). */
    public EngineSettings(int organizationConcurrency, Duration attemptDeadline, long assumedCallSeconds,
                          long maxContactsPerJob, Option<CallingWindow> defaultCallingWindow, Option<AttemptCap> numberAttemptCap,
                          Option<Double> organizationDialRate, Duration pacingHorizon, Option<Duration> conversationPause) {
        this(organizationConcurrency, attemptDeadline, assumedCallSeconds, maxContactsPerJob, defaultCallingWindow, numberAttemptCap,
                organizationDialRate, pacingHorizon, conversationPause, io.batchcall.domain.window.CallingRules.NONE);
    }

    /** Without a pause after a conversation (CONTRACT §17's {@code BATCHCALL_CONVERSATION_PAUSE}). */
    public EngineSettings(int organizationConcurrency, Duration attemptDeadline, long assumedCallSeconds,
                          long maxContactsPerJob, Option<CallingWindow> defaultCallingWindow, Option<AttemptCap> numberAttemptCap,
                          Option<Double> organizationDialRate, Duration pacingHorizon) {
        this(organizationConcurrency, attemptDeadline, assumedCallSeconds, maxContactsPerJob, defaultCallingWindow, numberAttemptCap,
                organizationDialRate, pacingHorizon, Option.none());
    }

    public EngineSettings(int organizationConcurrency, Duration attemptDeadline, long assumedCallSeconds,
                          long maxContactsPerJob, Option<CallingWindow> defaultCallingWindow, Option<AttemptCap> numberAttemptCap) {
        this(organizationConcurrency, attemptDeadline, assumedCallSeconds, maxContactsPerJob, defaultCallingWindow, numberAttemptCap,
                Option.none(), Duration.ofMillis(100));
    }

    public static final EngineSettings DEFAULTS = new EngineSettings(50, Duration.ofMinutes(10), 60, 1_000_000);

    public EngineSettings(int organizationConcurrency, Duration attemptDeadline, long assumedCallSeconds, long maxContactsPerJob) {
        this(organizationConcurrency, attemptDeadline, assumedCallSeconds, maxContactsPerJob, Option.none(), Option.none());
    }

    public EngineSettings {
        if (organizationConcurrency < 1 || attemptDeadline.isNegative() || attemptDeadline.isZero()
                || assumedCallSeconds < 0 || maxContactsPerJob < 1 || pacingHorizon.isNegative()
                || organizationDialRate.exists(r -> !(r >= 0.1 && r <= 100_000))
                || conversationPause.exists(p -> p.isNegative() || p.isZero())) {
            throw new IllegalArgumentException("invalid engine settings");
        }
    }

    public EngineSettings withOrganizationConcurrency(int cap) {
        return new EngineSettings(cap, attemptDeadline, assumedCallSeconds, maxContactsPerJob, defaultCallingWindow, numberAttemptCap, organizationDialRate, pacingHorizon, conversationPause, callingRules);
    }

    public EngineSettings withAttemptDeadline(Duration deadline) {
        return new EngineSettings(organizationConcurrency, deadline, assumedCallSeconds, maxContactsPerJob, defaultCallingWindow, numberAttemptCap, organizationDialRate, pacingHorizon, conversationPause, callingRules);
    }

    public EngineSettings withMaxContactsPerJob(long max) {
        return new EngineSettings(organizationConcurrency, attemptDeadline, assumedCallSeconds, max, defaultCallingWindow, numberAttemptCap, organizationDialRate, pacingHorizon, conversationPause, callingRules);
    }

    public EngineSettings withDefaultCallingWindow(Option<CallingWindow> window) {
        return new EngineSettings(organizationConcurrency, attemptDeadline, assumedCallSeconds, maxContactsPerJob, window, numberAttemptCap, organizationDialRate, pacingHorizon, conversationPause, callingRules);
    }

    public EngineSettings withNumberAttemptCap(Option<AttemptCap> cap) {
        return new EngineSettings(organizationConcurrency, attemptDeadline, assumedCallSeconds, maxContactsPerJob, defaultCallingWindow, cap, organizationDialRate, pacingHorizon, conversationPause, callingRules);
    }

    /** Pacing: the organization's dial rate, and how far ahead a pass schedules dials (its period). */
    public EngineSettings withPacing(Option<Double> dialRate, Duration horizon) {
        return new EngineSettings(organizationConcurrency, attemptDeadline, assumedCallSeconds, maxContactsPerJob, defaultCallingWindow,
                numberAttemptCap, dialRate, horizon, conversationPause, callingRules);
    }

    /**
     * CONTRACT §17: after an attempt to a number ends {@code completed}, answered by a person (or not known to be a
     * machine), no job of the organization dials that number again for {@code pause} — but for a callback the person asked for.
     */
    public EngineSettings withConversationPause(Option<Duration> pause) {
        return new EngineSettings(organizationConcurrency, attemptDeadline, assumedCallSeconds, maxContactsPerJob, defaultCallingWindow,
                numberAttemptCap, organizationDialRate, pacingHorizon, pause, callingRules);
    }

    /** CONTRACT §17: the calling rules by region in force ({@code BATCHCALL_CALLING_RULES}). */
    public EngineSettings withCallingRules(io.batchcall.domain.window.CallingRules rules) {
        return new EngineSettings(organizationConcurrency, attemptDeadline, assumedCallSeconds, maxContactsPerJob, defaultCallingWindow,
                numberAttemptCap, organizationDialRate, pacingHorizon, conversationPause, rules);
    }

    /** What bounds the dispatcher's claims besides each job's own limit. */
    public io.batchcall.application.port.out.ClaimLimits claimLimits() {
        return new io.batchcall.application.port.out.ClaimLimits(organizationConcurrency, numberAttemptCap, organizationDialRate, pacingHorizon, conversationPause,
                callingRules);
    }
}
