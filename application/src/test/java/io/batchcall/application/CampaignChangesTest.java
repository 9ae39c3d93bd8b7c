package io.batchcall.application;

import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.port.in.CallEvent;
import io.batchcall.application.port.in.CancelContact;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJobCommand;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.JobStatus;
import io.vavr.control.Either;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT §16 through the engine: one contact taken out of a campaign that goes on. */
public class CampaignChangesTest {

    /** The store the rules run on; the persistence module runs the same tests on SQLite and PostgreSQL. */
    protected io.batchcall.application.port.out.BatchJobs newStore() {
        return new InMemoryBatchJobs();
    }

    private EngineHarness h;

    @BeforeEach
    void harness() {
        h = new EngineHarness(newStore(), io.batchcall.application.service.EngineSettings.DEFAULTS);
    }

    private String job(int contacts, int concurrency) {
        var command = new CreateBatchJobCommand(h.org, "Changes", null, null, "pn", concurrency, 2, List.of("no_answer"), 60L, null, null);
        List<ContactRow> rows = new ArrayList<>();
        for (int i = 1; i <= contacts; i++) {
            rows.add(new ContactRow(i, String.format("+1646555%04d", 1000 + i), Map.of()));
        }
        return io.batchcall.application.port.in.CreateJob.of(command)
                .flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(rows.iterator()))).get().job().id();
    }

    private Either<BatchJobError, Contact> cancel(String job, String contactId) {
        return CancelContact.Command.of(h.org, job, contactId).flatMap(h.engine.cancelContact::cancel);
    }

    private void ended(DialRequest r, String outcome) {
        assertThat(h.engine.callEvents.record(h.org, CallEvent.of(r.batchJobId(), r.contactId(), r.attempt(), "ended", outcome, null, 20,
                null, null, false, null, null, null, null).get()).isRight()).isTrue();
    }

    private static String code(Either<BatchJobError, Contact> refused) {
        return refused.getLeft().code();
    }

    @Test
    void aWaitingContactIsCancelledAndNeverDialedWhileTheCampaignGoesOn() {
        String job = job(3, 1);
        h.engine.dispatcher.tick();
        List<DialRequest> first = h.dialer.drain();
        assertThat(first).hasSize(1);
        assertThat(code(cancel(job, first.get(0).contactId()))).as("in a call").isEqualTo("contact_in_call");

        Contact cancelled = cancel(job, job + "-c3").get();
        assertThat(cancelled.status()).isEqualTo(ContactStatus.CANCELLED);
        assertThat(cancelled.failureReason()).contains("cancelled by request");
        assertThat(code(cancel(job, job + "-c3"))).as("already final").isEqualTo("contact_final");
        assertThat(h.detail(job).view().progress().statusBreakdown().count(ContactStatus.CANCELLED)).isEqualTo(1);

        ended(first.get(0), "no_answer"); // queued for a retry: a waiting contact too
        assertThat(cancel(job, first.get(0).contactId()).get().status()).as("a queued retry is cancelled").isEqualTo(ContactStatus.CANCELLED);

        List<String> dialed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            h.advance(java.time.Duration.ofMinutes(2));
            h.engine.dispatcher.tick();
            for (DialRequest r : h.dialer.drain()) {
                dialed.add(r.contactId());
                ended(r, "completed");
            }
        }
        assertThat(dialed).as("only the contact left").containsExactly(job + "-c2");
        assertThat(h.detail(job).view().job().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(code(cancel(job, job + "-c2"))).as("a final job").isEqualTo("invalid_status");
    }

    @Test
    void anUnknownContactOrAnotherOrganizationsJobIsNotFound() {
        String job = job(1, 1);
        assertThat(code(cancel(job, job + "-c9"))).isEqualTo("contact_not_found");
        assertThat(code(cancel(job, "nonsense"))).isEqualTo("contact_not_found");
        assertThat(CancelContact.Command.of("another-org", job, job + "-c1").flatMap(h.engine.cancelContact::cancel).getLeft().code())
                .isEqualTo("job_not_found");
    }
}
