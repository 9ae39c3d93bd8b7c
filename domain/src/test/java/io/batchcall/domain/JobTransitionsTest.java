package io.batchcall.domain;

import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.job.RetryPolicy;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import static io.batchcall.domain.Fixtures.T0;
import static io.batchcall.domain.Fixtures.aPendingJob;
import static io.batchcall.domain.Fixtures.aRunningJob;
import static org.assertj.core.api.Assertions.assertThat;

class JobTransitionsTest {

    @Test
    void aFutureStartMakesTheJobScheduledOtherwisePending() {
        BatchJob later = BatchJob.create("j", "o", "n", Option.none(), Option.none(), "pn", 5, RetryPolicy.DEFAULT,
                Option.of(T0.plusSeconds(60)), T0);
        BatchJob past = BatchJob.create("j", "o", "n", Option.none(), Option.none(), "pn", 5, RetryPolicy.DEFAULT,
                Option.of(T0.minusSeconds(60)), T0);
        assertThat(later.status()).isEqualTo(JobStatus.SCHEDULED);
        assertThat(later.isDueToStart(T0)).isFalse();
        assertThat(later.isDueToStart(T0.plusSeconds(60))).isTrue();
        assertThat(past.status()).isEqualTo(JobStatus.PENDING);
        assertThat(aPendingJob().status()).isEqualTo(JobStatus.PENDING);
    }

    @Test
    void startSetsActualStartTime() {
        BatchJob running = aPendingJob().start(T0.plusSeconds(3)).get();
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(running.actualStartTime()).contains(T0.plusSeconds(3));
    }

    @Test
    void startOnARunningJobIsAlreadyRunning() {
        assertThat(aRunningJob().start(T0).getLeft().code()).isEqualTo("already_running");
    }

    @Test
    void pauseAndResumeOnlyFromTheRightStatus() {
        BatchJob paused = aRunningJob().pause().get();
        assertThat(paused.status()).isEqualTo(JobStatus.PAUSED);
        assertThat(paused.resume().get().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(aPendingJob().pause().getLeft()).isInstanceOf(BatchJobError.InvalidStatus.class);
        assertThat(aRunningJob().resume().getLeft().code()).isEqualTo("invalid_status");
    }

    @Test
    void cancelFromEveryNonFinalStatusAndNeverFromAFinalOne() {
        for (BatchJob j : List.of(aPendingJob(), aRunningJob(), aRunningJob().pause().get())) {
            BatchJob cancelled = j.cancel(T0.plusSeconds(9)).get();
            assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(cancelled.completedAt()).contains(T0.plusSeconds(9));
            assertThat(cancelled.cancel(T0).getLeft().code()).isEqualTo("invalid_status");
            assertThat(cancelled.start(T0).getLeft().code()).isEqualTo("invalid_status");
        }
    }

    @Test
    void completeOnlyFromRunningAndFailKeepsTheReason() {
        assertThat(aRunningJob().complete(T0).get().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(aPendingJob().complete(T0).isLeft()).isTrue();
        BatchJob failed = aRunningJob().fail(T0, "caller ID rejected").get();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.failureReason()).contains("caller ID rejected");
        assertThat(failed.completedAt()).contains(T0);
        assertThat(aPendingJob().fail(T0, "x").isLeft()).isTrue();
        assertThat(failed.allowsRetries()).isFalse();
    }

    @Test
    void rescheduleFollowsTheCreateRuleOnANotYetStartedJob() {
        BatchJob moved = aPendingJob().reschedule(T0.plusSeconds(3600), T0).get();
        assertThat(moved.status()).isEqualTo(JobStatus.SCHEDULED);
        assertThat(moved.scheduledStartTime()).contains(T0.plusSeconds(3600));
        // like a create (CONTRACT §3): a time that is not in the future starts the job at once
        BatchJob now = moved.reschedule(T0.minusSeconds(1), T0).get();
        assertThat(now.status()).isEqualTo(JobStatus.PENDING);
        assertThat(now.isDueToStart(T0)).isTrue();
        assertThat(aRunningJob().reschedule(T0.plusSeconds(60), T0).getLeft().code()).isEqualTo("invalid_status");
    }

    @Test
    void retryPolicyValidatesItsRanges() {
        assertThat(RetryPolicy.of(0, List.empty(), 0).getLeft().code()).isEqualTo("invalid_max_attempts");
        assertThat(RetryPolicy.of(11, List.empty(), 0).getLeft().code()).isEqualTo("invalid_max_attempts");
        assertThat(RetryPolicy.of(10, List.empty(), -1).getLeft().code()).isEqualTo("invalid_retry_delay");
        assertThat(RetryPolicy.of(1, List.of(io.batchcall.domain.contact.ContactStatus.COMPLETED), 0).getLeft().code())
                .isEqualTo("invalid_retryable_statuses");
        assertThat(RetryPolicy.of(1, List.of(io.batchcall.domain.contact.ContactStatus.CARRIER_ERROR), 0).isRight()).isTrue();
    }
}
