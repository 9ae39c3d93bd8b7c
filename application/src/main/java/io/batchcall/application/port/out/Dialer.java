package io.batchcall.application.port.out;

import java.util.concurrent.CompletionStage;

/**
 * Places one call attempt. Completion only says whether the telephony side accepted the attempt;
 * the attempt's outcome arrives later as a call event.
 */
public interface Dialer {

    CompletionStage<DialResult> dial(DialRequest request);
}
