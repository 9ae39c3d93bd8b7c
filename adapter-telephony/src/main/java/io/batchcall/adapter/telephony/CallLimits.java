package io.batchcall.adapter.telephony;

/** The limits a dialer sends its provider so a call ends on the provider's side before the engine gives up on it. */
public final class CallLimits {

    private CallLimits() {
    }

    /**
     * The longest call an attempt deadline leaves room for: the deadline less the ringing and half a minute for the
     * last events to arrive; at least a minute (a deadline shorter than that is a test's, and closes calls itself).
     */
    public static int longestCall(long attemptDeadlineSeconds, int ringingSeconds) {
        return (int) Math.max(60, Math.min(Integer.MAX_VALUE, attemptDeadlineSeconds - ringingSeconds - 30));
    }
}
