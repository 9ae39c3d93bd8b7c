package io.batchcall.application.port.out;

import io.batchcall.domain.contact.AttemptResult;

/** Whether an attempt was accepted by the telephony side. */
public sealed interface DialResult {

    /**
     * Accepted: the outcome will come as a call event.
     *
     * @param callId the provider's name for the call (Twilio's CallSid), kept on the attempt as its {@code roomName} so the
     *               engine can ask the provider about it ({@link Dialer#lookUp}); null when the provider gave none
     */
    record Accepted(String callId) implements DialResult {
        public Accepted() {
            this(null);
        }
    }

    /**
     * Accepted and already answered (a provider whose dial request returns once the callee picked up, e.g.
     * LiveKit's {@code wait_until_answered}): the engine records the attempt "connected"; its end comes as a
     * call event.
     */
    record Answered() implements DialResult { }

    /** This attempt failed at once, with this outcome (e.g. carrier_error for a webhook that answered 503). */
    record AttemptFailed(AttemptResult result) implements DialResult { }

    /** The whole job cannot run (e.g. the caller ID was rejected): the job fails. */
    record JobFatal(String reason) implements DialResult { }

    /**
     * The telephony side refused the dial for now (a provider's rate limit, HTTP 429): the call was never
     * placed, so the attempt does not count — the contact waits at least {@code retryAfter} (the provider's
     * {@code Retry-After}; zero when it named none: the engine's jittered back-off decides) and is dialed again as
     * the same attempt. Neither a success nor a failure of the contact.
     */
    record Deferred(java.time.Duration retryAfter, String reason) implements DialResult { }

    static DialResult accepted() {
        return new Accepted();
    }
}
