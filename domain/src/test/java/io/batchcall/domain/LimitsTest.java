package io.batchcall.domain;

import io.batchcall.domain.contact.AttemptResult;
import io.batchcall.domain.contact.ContactData;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.Texts;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.job.RetryPolicy;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Limits that keep every stored value readable, and the claim rule. */
class LimitsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    @Test
    void contactDataIsHeldToItsDepthAndSize() {
        Object deep = "leaf";
        for (int i = 0; i < ContactData.MAX_DEPTH; i++) {
            deep = Map.of("d", deep);
        }
        assertThat(ContactData.problem(Map.of("x", deep))).isEmpty();
        assertThat(ContactData.problem(Map.of("x", Map.of("d", deep)))).contains("contact_data_too_deep");
        assertThat(ContactData.problem(Map.of("x", List.of(List.of(deep))))).contains("contact_data_too_deep");
        // the JSON of {"k":"xxx…"} is 8 characters more than the value
        assertThat(ContactData.problem(Map.of("k", "x".repeat(ContactData.MAX_JSON_CHARS - 8)))).isEmpty();
        assertThat(ContactData.problem(Map.of("k", "x".repeat(ContactData.MAX_JSON_CHARS - 7)))).contains("contact_data_too_large");
        // escaped characters count as written
        assertThat(ContactData.problem(Map.of("k", "\u0001".repeat(ContactData.MAX_JSON_CHARS / 6)))).contains("contact_data_too_large");
    }

    @Test
    void dialerTextIsCutToItsColumn() {
        AttemptResult r = new AttemptResult(ContactStatus.FAILED, Option.of("e".repeat(50)), Option.of("r".repeat(5000)),
                Option.none(), Option.of("room".repeat(100)));
        assertThat(r.errorCode().get()).hasSize(Texts.MAX_ERROR_CODE);
        assertThat(r.failureReason().get()).hasSize(Texts.MAX_FAILURE_REASON).endsWith("…");
        assertThat(r.roomName().get()).hasSize(Texts.MAX_ROOM_NAME);
        assertThat(Texts.truncate("short", 10)).isEqualTo("short");
    }

    @Test
    void onlyARunningJobFails() {
        BatchJob job = BatchJob.create("bj_1", "org", "n", Option.none(), Option.none(), "pn", 5, RetryPolicy.DEFAULT, Option.none(), T0);
        BatchJob running = job.start(T0).get();
        assertThat(running.fail(T0, "x".repeat(3000)).get().failureReason().get()).hasSize(BatchJob.MAX_DESCRIPTION_LENGTH);
        BatchJob paused = running.pause().get();
        assertThat(paused.fail(T0, "rejected").getLeft()).isInstanceOf(BatchJobError.InvalidStatus.class);
        assertThat(job.fail(T0, "rejected").isLeft()).isTrue();
    }

    @Test
    void dialSlotsAreTheTighterOfTheTwoLimitsAndNoneUnlessRunning() {
        BatchJob job = BatchJob.create("bj_1", "org", "n", Option.none(), Option.none(), "pn", 5, RetryPolicy.DEFAULT, Option.none(), T0);
        assertThat(job.dialSlots(0, 50, 0)).isZero();
        BatchJob running = job.start(T0).get();
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(running.dialSlots(2, 50, 10)).isEqualTo(3);
        assertThat(running.dialSlots(0, 50, 48)).isEqualTo(2);
        assertThat(running.dialSlots(5, 50, 0)).isZero();
        assertThat(running.dialSlots(0, 50, 60)).isZero();
        assertThat(running.pause().get().dialSlots(0, 50, 0)).isZero();
    }
}
