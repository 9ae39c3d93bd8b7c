package io.batchcall.application.detail;

import io.batchcall.application.port.in.DetailQuery;
import io.batchcall.application.port.in.DetailStamp;
import io.batchcall.application.port.in.GetBatchJobDetail;
import io.batchcall.application.port.in.JobDetail;
import io.batchcall.application.port.out.AnswerCache;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detail decorator: requests that arrive while a whole read runs share the next one, which begins once that one
 * ended (a burst costs two reads, and no request gets an answer from a read that began before it arrived); a stamped
 * answer is kept and served without a read while the engine calls it current; a write makes the next request read.
 */
class DetailAnswersTest {

    /** The store's version of the job: each write moves it. */
    private final AtomicLong version = new AtomicLong(1);
    private final AtomicLong wholeReads = new AtomicLong();
    private boolean failNext;
    private boolean writeDuringRead;
    private final GetBatchJobDetail details = new GetBatchJobDetail() {
        @Override
        public Either<BatchJobError, JobDetail> detail(DetailQuery query) {
            wholeReads.incrementAndGet();
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("store down");
            }
            long read = version.get();
            if (writeDuringRead) {
                writeDuringRead = false;
                version.incrementAndGet(); // a write lands after this read began
            }
            return Either.right(new JobDetail(null, List.empty(), List.empty(), 0, 1, 50, false,
                    Option.some(new DetailStamp(read, Instant.MAX))));
        }

        @Override
        public boolean isCurrent(String batchJobId, DetailStamp stamp) {
            return stamp.version() == version.get();
        }

        @Override
        public boolean tellsFromMemory() {
            return true;
        }
    };
    private final Map<DetailQuery, DetailAnswers.Kept<String>> cache = new HashMap<>();
    private final AnswerCache<DetailQuery, DetailAnswers.Kept<String>> kept = new AnswerCache<>() {
        @Override
        public DetailAnswers.Kept<String> get(DetailQuery key) {
            return cache.get(key);
        }

        @Override
        public void put(DetailQuery key, DetailAnswers.Kept<String> value) {
            cache.put(key, value);
        }
    };
    /** Reads begun and not yet run: the test runs them, one at a time. */
    private final java.util.List<Runnable> begun = new ArrayList<>();
    private final DetailAnswers<String> answers = new DetailAnswers<>(details,
            d -> "v" + d.stamp().get().version(), kept, begun::add);
    private final DetailQuery query = DetailQuery.parse("org-1", "bj_1", null, null, null).get();

    private void runRead(int i) {
        begun.get(i).run();
    }

    private static String body(CompletionStage<Either<BatchJobError, String>> r) {
        return r.toCompletableFuture().join().get();
    }

    @Test
    void requestsArrivingDuringAReadShareTheNextOneNotThatOne() {
        var first = answers.answer(query);
        var second = answers.answer(query);
        var third = answers.answer(query);
        assertThat(begun).as("one read runs; the others wait for the next").hasSize(1);

        writeDuringRead = true; // requests that arrived while the first read ran may have made that write
        runRead(0);
        assertThat(body(first)).isEqualTo("v1");
        assertThat(second.toCompletableFuture().isDone()).as("it arrived after the first read began").isFalse();
        assertThat(begun).as("the next read begins once the first ended, for both waiting").hasSize(2);

        runRead(1);
        assertThat(body(second)).isEqualTo("v2");
        assertThat(body(third)).isEqualTo("v2");
        assertThat(wholeReads).hasValue(2);
    }

    @Test
    void aCurrentAnswerIsServedWithoutAReadUntilAWriteMovesTheJob() {
        var first = answers.answer(query);
        runRead(0);
        assertThat(body(first)).isEqualTo("v1");
        assertThat(answers.currentNow(query).get()).as("kept and current: no read").isEqualTo("v1");
        assertThat(body(answers.answer(query))).as("a read that begins finds it current").isEqualTo("v1");
        assertThat(wholeReads).hasValue(1);

        version.set(2);
        assertThat(answers.currentNow(query).isEmpty()).as("a write makes the kept answer stale").isTrue();
        var after = answers.answer(query);
        runRead(1);
        assertThat(body(after)).isEqualTo("v2");
        assertThat(DetailQuery.parse("org-1", "bj_1", null, "1", null).map(answers::currentNow).get().get())
                .as("a request that means the same shares the entry").isEqualTo("v2");
    }

    @Test
    void aFailedReadFailsItsRequestsAndLeavesNothingBehind() {
        failNext = true;
        var failed = answers.answer(query);
        runRead(0);
        assertThat(failed.toCompletableFuture().isCompletedExceptionally()).isTrue();
        var next = answers.answer(query);
        assertThat(begun).as("nothing in flight any more: a new read").hasSize(2);
        runRead(1);
        assertThat(body(next)).isEqualTo("v1");
    }
}
