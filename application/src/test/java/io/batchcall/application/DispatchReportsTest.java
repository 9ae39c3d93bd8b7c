package io.batchcall.application;

import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.port.in.JobDetail;
import io.batchcall.application.port.out.BatchJobs;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.port.out.DialResult;
import io.batchcall.application.service.EngineSettings;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.job.JobStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a dispatcher pass reports and what it does with a dial the provider defers; the base of
 * {@link CampaignTest}, so its store subclasses run these too.
 */
public class DispatchReportsTest {

    protected BatchJobs newStore() {
        return new InMemoryBatchJobs();
    }

    protected EngineHarness harness(int orgCap) {
        return new EngineHarness(newStore(), EngineSettings.DEFAULTS.withOrganizationConcurrency(orgCap)
                .withAttemptDeadline(Duration.ofMinutes(5)));
    }

    @Test
    void aDialDeferredByTheProviderIsNotAnAttemptAndIsDialedAgainAfterTheWait() {
        EngineHarness h = harness(50);
        String job = h.create(2, 2, 1, List.of(), 60).job().id(); // one attempt each: a counted deferral would end them
        h.dialer.answerWith(r -> new DialResult.Deferred(Duration.ofSeconds(30), "provider rate limit (HTTP 429)"));
        h.engine.dispatcher.tick();
        assertThat(h.dialer.drain()).hasSize(2);
        JobDetail waiting = h.detail(job);
        assertThat(waiting.contacts()).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(ContactStatus.QUEUED);
            assertThat(c.attemptCount()).isZero();
            assertThat(c.nextRetryAt()).contains(h.clock.now().plusSeconds(30));
        });
        assertThat(waiting.view().progress().contactsProcessed()).isZero();

        h.dialer.answerWith(r -> DialResult.accepted());
        h.engine.dispatcher.tick();
        assertThat(h.dialer.drain()).as("not before the wait is over").isEmpty();
        h.advance(Duration.ofSeconds(30));
        h.engine.dispatcher.tick();
        List<DialRequest> again = new java.util.ArrayList<>(h.dialer.drain());
        assertThat(again).as("the refused caller id backs off: 2.5/s, half the rate assumed for an id without a limit").hasSize(1);
        h.advance(Duration.ofMillis(400));
        h.engine.dispatcher.tick();
        again.addAll(h.dialer.drain());
        assertThat(again).hasSize(2).allMatch(r -> r.attempt() == 1);
        again.forEach(r -> h.end(r, "completed", null));
        JobDetail done = h.detail(job);
        assertThat(done.view().job().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.view().progress().successfulCalls()).isEqualTo(2);
    }

    @Test
    void eachPassReportsTheAttemptsInFlightOfEachOrganization() {
        EngineHarness h = harness(50);
        h.create(6, 3, 1, List.of(), 60);
        assertThat(h.engine.dispatcher.tick().dialingByOrganization()).as("read before the job started").isEmpty();
        List<DialRequest> dialed = h.dialer.drain();
        assertThat(dialed).hasSize(3);
        String org = dialed.get(0).organizationId();
        assertThat(h.engine.dispatcher.tick().dialingByOrganization()).containsExactly(java.util.Map.entry(org, 3L));
        h.end(dialed.get(0), "completed", null);
        h.end(dialed.get(1), "completed", null);
        assertThat(h.engine.dispatcher.tick().dialingByOrganization()).containsExactly(java.util.Map.entry(org, 1L));
    }
}
