package io.batchcall.application.port.out;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Places one call attempt. Completion only says whether the telephony side accepted the attempt;
 * the attempt's outcome arrives later as a call event.
 */
public interface Dialer {

    CompletionStage<DialResult> dial(DialRequest request);

    /**
     * What the provider knows of a call whose outcome never arrived (its callback lost, refused or late), asked
     * before the engine closes the attempt at its deadline. {@code call} is the attempt's {@code roomName}: the
     * provider's name for the call where the dialer gave one, else the room the engine named. A dialer that
     * cannot ask answers {@link CallLookup.Unknown}, and the attempt closes as {@code failed} as before.
     */
    default CompletionStage<CallLookup> lookUp(String call) {
        return CompletableFuture.completedFuture(CallLookup.CANNOT_ASK);
    }

    /**
     * Stops a call this dialer placed that nobody answered yet (queued at the provider, or ringing), because its job was
     * paused or cancelled. Completes {@code true} only when the provider says the call was stopped before an answer (the
     * attempt then did not happen); {@code false} when it was answered, is over, or this dialer cannot stop calls — the
     * call then goes on and ends as it would have.
     */
    default CompletionStage<Boolean> cancel(String call) {
        return CompletableFuture.completedFuture(false);
    }
}
