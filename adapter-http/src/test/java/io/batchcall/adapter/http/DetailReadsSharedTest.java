package io.batchcall.adapter.http;

import io.batchcall.adapter.http.job.DetailAnswers;
import io.batchcall.application.port.in.DetailStamp;
import io.vavr.control.Either;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests for the same detail that arrive while a whole read runs share the next one, which begins once that one
 * ended: a burst costs two reads, and no request gets an answer from a read that began before it arrived (a read
 * that might miss a write the request's client made just before it).
 */
class DetailReadsSharedTest {

    private final DetailAnswers answers = new DetailAnswers(query -> {
        throw new AssertionError("reads go through the supplier given");
    }, 1 << 20);
    private final io.batchcall.application.port.in.DetailQuery request = io.batchcall.application.port.in.DetailQuery.parse("org-1", "bj_1", null, null, null).get();
    private final List<CompletableFuture<DetailAnswers.Read>> begun = new ArrayList<>();

    private CompletionStage<DetailAnswers.Read> ask() {
        return answers.read(request, () -> {
            CompletableFuture<DetailAnswers.Read> read = new CompletableFuture<>();
            begun.add(read);
            return read;
        });
    }

    private static DetailAnswers.Read answer(String body, long version) {
        return new DetailAnswers.Read(Either.right(new DetailAnswers.Kept(new DetailStamp(version, Instant.MAX), Buffer.buffer(body))));
    }

    private static String body(CompletionStage<DetailAnswers.Read> r) {
        return r.toCompletableFuture().join().answer().get().body().toString();
    }

    @Test
    void requestsArrivingDuringAReadShareTheNextOneNotThatOne() {
        CompletionStage<DetailAnswers.Read> first = ask();
        CompletionStage<DetailAnswers.Read> second = ask();
        CompletionStage<DetailAnswers.Read> third = ask();
        assertThat(begun).as("one read runs; the others wait for the next").hasSize(1);

        begun.get(0).complete(answer("v1", 1));
        assertThat(body(first)).isEqualTo("v1");
        assertThat(second.toCompletableFuture().isDone()).as("it arrived after the first read began").isFalse();
        assertThat(begun).as("the next read begins once the first ended, for both waiting").hasSize(2);

        begun.get(1).complete(answer("v2", 2));
        assertThat(body(second)).isEqualTo("v2");
        assertThat(body(third)).isEqualTo("v2");
        assertThat(answers.kept(request).stamp().version()).as("the stamped answer is kept").isEqualTo(2);

        CompletionStage<DetailAnswers.Read> later = ask();
        assertThat(begun).as("nothing in flight: a new read").hasSize(3);
        begun.get(2).completeExceptionally(new IllegalStateException("store down"));
        assertThat(later.toCompletableFuture().isCompletedExceptionally()).isTrue();
        ask();
        assertThat(begun).as("a failed read leaves nothing behind").hasSize(4);
    }
}
