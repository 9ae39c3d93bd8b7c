package io.batchcall.application.webhook;

import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.domain.contact.AttemptResult;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.PhoneNumber;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.job.RetryPolicy;
import io.batchcall.domain.progress.StatusBreakdown;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a webhook carries goes to a JSON writer that knows JDK types only: every value in every event's
 * data must be a String, Number, Boolean, null, or a JDK Map/List of those. A Vavr map there is written as
 * its bean properties ({@code "empty":false,"lazy":false,…}) — the bug this guards against.
 */
class WebhookEventsJsonTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void everyEventCarriesOnlyJsonValuesTheWriterKnows() {
        BatchJob job = BatchJob.create("bj_1", "org-1", "Campaign", Option.none(), Option.none(), "pn-1", 5,
                RetryPolicy.of(2, io.vavr.collection.List.of(ContactStatus.BUSY), 60).get(), Option.none(), T0);
        BatchJob running = job.start(T0).get();
        StatusBreakdown breakdown = StatusBreakdown.allPending(3).moved(ContactStatus.PENDING, ContactStatus.COMPLETED);
        List<PendingEvent> events = new ArrayList<>();
        for (JobStatus before : JobStatus.values()) {
            for (BatchJob after : List.of(running, running.pause().get(), running.cancel(T0).get(), running.complete(T0).get(), running.fail(T0, "dialer down").get())) {
                WebhookEvents.ofJob(before, new JobSnapshot(after, breakdown, JobSnapshot.AttemptStats.NONE, OptionalLong.empty()))
                        .forEach(events::add);
            }
        }
        Contact pending = Contact.pending("c1", job.id(), 1, new PhoneNumber("+14155550101"),
                Map.of("name", "Ada", "tags", List.of("a", "b"), "nested", Map.of("k", 1)), 2);
        Contact dialing = pending.dispatch(T0, "room-1").get();
        Contact busy = dialing.finish(AttemptResult.of(ContactStatus.BUSY), T0.plusSeconds(5), running.retryPolicy(), true).get();
        Contact done = busy.dispatch(T0.plusSeconds(70), "room-2").get()
                .finish(AttemptResult.of(ContactStatus.COMPLETED), T0.plusSeconds(80), running.retryPolicy(), true).get();
        events.addAll(WebhookEvents.ofContact(running, dialing, busy));
        events.addAll(WebhookEvents.ofContact(running, busy.dispatch(T0.plusSeconds(70), "room-2").get(), done));

        assertThat(events).extracting(PendingEvent::type).contains(WebhookEventType.values());
        for (PendingEvent e : events) {
            assertJsonValue(e.type().wire(), e.data());
        }
        PendingEvent started = events.stream().filter(e -> e.type() == WebhookEventType.JOB_STARTED).findFirst().orElseThrow();
        assertThat(started.data().get("statusBreakdown")).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) started.data().get("statusBreakdown")).get("completed")).isEqualTo(1L);
        assertThat(((Map<?, ?>) started.data().get("statusBreakdown"))).hasSize(ContactStatus.values().length);
    }

    private static void assertJsonValue(String where, Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return;
        }
        assertThat(value.getClass().getName()).as(where + ": a value the JSON writer knows").doesNotStartWith("io.vavr");
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                assertThat(k).as(where + ": keys are text").isInstanceOf(String.class);
                assertJsonValue(where + "." + k, v);
            });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                assertJsonValue(where + "[" + i + "]", list.get(i));
            }
        } else {
            throw new AssertionError(where + ": " + value.getClass().getName() + " is not a JSON value");
        }
    }
}
