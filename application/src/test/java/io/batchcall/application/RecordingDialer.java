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
    private Function<String, io.batchcall.application.port.out.CallLookup> lookUp = call -> io.batchcall.application.port.out.CallLookup.CANNOT_ASK;
    private final List<String> lookedUp = new ArrayList<>();

    @Override
    public synchronized CompletionStage<io.batchcall.application.port.out.CallLookup> lookUp(String call) {
        lookedUp.add(call);
        return CompletableFuture.completedFuture(lookUp.apply(call));
    }

    /** The calls the engine asked about, in order. */
    public synchronized List<String> lookedUp() {
        return List.copyOf(lookedUp);
    }

    public synchronized void lookUpWith(Function<String, io.batchcall.application.port.out.CallLookup> lookUp) {
        this.lookUp = lookUp;
    }

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
