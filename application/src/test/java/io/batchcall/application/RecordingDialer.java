package io.batchcall.application;

import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.port.out.DialResult;
import io.batchcall.application.port.out.Dialer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** A fake dialer that records every request and answers with a configurable result. */
public final class RecordingDialer implements Dialer {

    private final List<DialRequest> requests = new ArrayList<>();
    private Function<DialRequest, DialResult> answer = r -> DialResult.accepted();

    @Override
    public synchronized CompletionStage<DialResult> dial(DialRequest request) {
        requests.add(request);
        return CompletableFuture.completedFuture(answer.apply(request));
    }

    public synchronized List<DialRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<DialRequest> drain() {
        List<DialRequest> copy = List.copyOf(requests);
        requests.clear();
        return copy;
    }

    public synchronized void answerWith(Function<DialRequest, DialResult> answer) {
        this.answer = answer;
    }
}
