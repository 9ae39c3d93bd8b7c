package io.batchcall.application;

import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.port.in.CallEvent;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJobCommand;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.service.EngineSettings;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.job.ContactWait;
import io.vavr.control.Option;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT §17's conversation pause (BATCHCALL_CONVERSATION_PAUSE, here 7 days): after a completed call answered by a
 * person, no job of the organization dials that number again for that long — but for the callback the person asked for.
 */
public class ConversationPauseTest {

    private static final Duration PAUSE = Duration.ofDays(7);

    /** The store the rules run on; the persistence module runs the same tests on SQLite and PostgreSQL. */
    protected io.batchcall.application.port.out.BatchJobs newStore() {
        return new InMemoryBatchJobs();
    }

    private EngineHarness h;

    @BeforeEach
    void harness() {
        h = new EngineHarness(newStore(), EngineSettings.DEFAULTS.withConversationPause(Option.of(PAUSE)));
    }

    private String job(String... phones) {
        var command = new CreateBatchJobCommand(h.org, "Paused", null, null, "pn", 5, 1, List.of(), 60L, null, null);
        List<ContactRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < phones.length; i++) {
            rows.add(new ContactRow(i + 1, phones[i], Map.of()));
        }
        return io.batchcall.application.port.in.CreateJob.of(command)
                .flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(rows.iterator())))
                .getOrElseThrow(e -> new AssertionError(e.code() + ": " + e.message())).job().id();
    }

    private List<DialRequest> pass() {
        h.engine.dispatcher.tick();
        return h.dialer.drain();
    }

    private void ended(DialRequest r, String answeredBy, String callbackAt) {
        assertThat(h.engine.callEvents.record(h.org, CallEvent.of(r.batchJobId(), r.contactId(), r.attempt(), "ended", "completed", null, 30,
                null, null, false, null, null, answeredBy, callbackAt).get()).isRight()).isTrue();
    }

    private io.batchcall.application.port.in.GetContactTimeline.Timeline timeline(String job, String contactId) {
        return h.engine.timeline.timeline(io.batchcall.application.port.in.GetContactTimeline.Query.of(h.org, job, contactId).get()).get();
    }

    @Test
    void aNumberThatHadAConversationIsNotDialedByAnotherJobUntilThePauseEnds() {
        job("+16465592001");
        List<DialRequest> first = pass();
        assertThat(first).hasSize(1);
        Instant talked = h.clock.now();
        ended(first.get(0), "human", null);

        String later = job("+16465592001", "+16465592002");
        assertThat(pass()).extracting(DialRequest::phoneNumber).as("only the number without a conversation").containsExactly("+16465592002");
        var held = timeline(later, later + "-c1");
        assertThat(held.contact().status()).isEqualTo(ContactStatus.QUEUED);
        assertThat(held.contact().attemptCount()).as("a hold, not an attempt").isZero();
        assertThat(held.contact().nextRetryAt()).contains(talked.plus(PAUSE));
        assertThat(held.waits().map(io.batchcall.application.port.in.GetContactTimeline.Wait::reason).toJavaList())
                .containsExactly(ContactWait.CONVERSATION_PAUSE);
        assertThat(held.waits().get(0).until()).contains(talked.plus(PAUSE));

        h.advance(Duration.ofDays(3));
        assertThat(pass()).as("still paused").isEmpty();
        h.advance(Duration.ofDays(4));
        assertThat(pass()).extracting(DialRequest::phoneNumber).containsExactly("+16465592001");
    }

    @Test
    void aMachineAnswerStartsNoPause() {
        job("+16465592101");
        ended(pass().get(0), "machine", null);
        job("+16465592101");
        assertThat(pass()).extracting(DialRequest::phoneNumber).containsExactly("+16465592101");
    }

    /** The person asked to be called back in an hour: that callback is dialed; another job's contact of the number waits. */
    @Test
    void theCallbackThePersonAskedForIsNotHeldByThePause() {
        String asked = job("+16465592201");
        Instant at = h.clock.now().plus(Duration.ofHours(1));
        ended(pass().get(0), "human", at.toString());
        assertThat(timeline(asked, asked + "-c1").contact().status()).isEqualTo(ContactStatus.QUEUED);
        String other = job("+16465592201");
        assertThat(pass()).isEmpty();
        h.advance(Duration.ofHours(1));
        List<DialRequest> called = pass();
        assertThat(called).extracting(DialRequest::batchJobId).containsExactly(asked);
        Contact waiting = timeline(other, other + "-c1").contact();
        assertThat(waiting.status()).isEqualTo(ContactStatus.QUEUED);
        assertThat(waiting.attemptCount()).isZero();
    }
}
