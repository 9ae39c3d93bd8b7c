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
import io.vavr.control.Option;
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

    private String jobEnding(int contacts, int concurrency, String endAt) {
        var command = new CreateBatchJobCommand(h.org, "Ending", null, null, "pn", concurrency, 2, List.of("no_answer"), 60L, null, null,
                null, null, null, null, null, null, null, null, null, endAt);
        List<ContactRow> rows = new ArrayList<>();
        for (int i = 1; i <= contacts; i++) {
            rows.add(new ContactRow(i, String.format("+1646556%04d", 1000 + i), Map.of()));
        }
        return io.batchcall.application.port.in.CreateJob.of(command)
                .flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(rows.iterator()))).map(c -> c.job().id())
                .getOrElseThrow(e -> new AssertionError(e.code() + ": " + e.message()));
    }

    /**
     * At its endAt nothing more is dialed: the waiting contacts (pending, and queued for a retry) become cancelled with
     * errorCode expired; the call in flight ends as it would have, and the job then completes.
     */
    @Test
    void atItsEndTimeAJobExpiresItsWaitingContactsAndCompletesOnceItsCallEnds() {
        String endAt = h.clock.now().plus(java.time.Duration.ofMinutes(10)).toString();
        String job = jobEnding(4, 2, endAt);
        h.engine.dispatcher.tick();
        List<DialRequest> first = h.dialer.drain();
        assertThat(first).hasSize(2);
        ended(first.get(0), "no_answer"); // queued for a retry in 60 s
        h.advance(java.time.Duration.ofMinutes(10));
        h.engine.dispatcher.tick();
        assertThat(h.dialer.drain()).as("nothing dialed at or past endAt").isEmpty();
        var detail = h.detail(job);
        assertThat(detail.view().job().status()).as("a call is still going on").isEqualTo(JobStatus.RUNNING);
        assertThat(detail.view().progress().statusBreakdown().count(ContactStatus.CANCELLED)).isEqualTo(3);
        Contact expired = detail.contacts().find(c -> c.status() == ContactStatus.CANCELLED).get();
        assertThat(expired.errorCode()).contains("expired");
        assertThat(contactStatus(job, first.get(0).contactId())).as("its retry expired too").isEqualTo(ContactStatus.CANCELLED);

        ended(first.get(1), "completed");
        h.engine.dispatcher.tick();
        assertThat(h.detail(job).view().job().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(h.detail(job).view().progress().statusBreakdown().count(ContactStatus.COMPLETED)).isEqualTo(1);
    }

    @Test
    void anEndTimeInThePastOrBeforeTheStartIsRefused() {
        var past = io.batchcall.application.port.in.CreateJob.of(new CreateBatchJobCommand(h.org, "Late", null, null, "pn", 1, 1, null, 0L,
                null, null, null, null, null, null, null, null, null, null, null, h.clock.now().minusSeconds(1).toString()))
                .flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(
                        List.of(new ContactRow(1, "+16465561000", Map.of())).iterator())));
        assertThat(past.getLeft().code()).isEqualTo("invalid_end_at");
        var beforeStart = io.batchcall.application.port.in.CreateJob.of(new CreateBatchJobCommand(h.org, "Late", null, null, "pn", 1, 1, null, 0L,
                h.clock.now().plusSeconds(7200).toString(), null, null, null, null, null, null, null, null, null, null,
                h.clock.now().plusSeconds(3600).toString()))
                .flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(
                        List.of(new ContactRow(1, "+16465561000", Map.of())).iterator())));
        assertThat(beforeStart.getLeft().code()).isEqualTo("invalid_end_at");
        assertThat(io.batchcall.application.port.in.CreateJob.of(new CreateBatchJobCommand(h.org, "Late", null, null, "pn", 1, 1, null, 0L,
                null, null, null, null, null, null, null, null, null, null, null, "tomorrow")).getLeft().code()).isEqualTo("invalid_end_at");
    }

    /**
     * A contact's expiresAt: past it, a waiting contact (never dialed, or queued for a retry) becomes cancelled with
     * errorCode expired; a contact in a call is left to end. Unreadable or past expiry at upload → the row is skipped.
     */
    @Test
    void aContactPastItsExpiryIsCancelledUnlessItIsInACall() {
        java.time.Instant t0 = h.clock.now();
        var command = new CreateBatchJobCommand(h.org, "Expiring", null, null, "pn", 1, 2, List.of("no_answer"), 60L, null, null);
        List<ContactRow> rows = List.of(
                new ContactRow(1, "+16465571001", Map.of("expiresAt", t0.plusSeconds(90).toString())),  // dialed, then queued: expires
                new ContactRow(2, "+16465571002", Map.of("expiresAt", t0.plusSeconds(30).toString())),  // waits behind 1: expires
                new ContactRow(3, "+16465571003", Map.of()),                                             // no expiry
                new ContactRow(4, "+16465571004", Map.of("expiresAt", "next week")),
                new ContactRow(5, "+16465571005", Map.of("expiresAt", t0.minusSeconds(1).toString())));
        var created = io.batchcall.application.port.in.CreateJob.of(command)
                .flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(rows.iterator()))).get();
        assertThat(created.job().id()).isNotNull();
        assertThat(created.skippedRows()).extracting(io.batchcall.application.port.in.SkippedRow::reason)
                .containsExactly("invalid_expires_at", "expired");
        String job = created.job().id();
        h.engine.dispatcher.tick();
        List<DialRequest> first = h.dialer.drain();
        assertThat(first).extracting(DialRequest::contactId).containsExactly(job + "-c1");

        h.advance(java.time.Duration.ofSeconds(31));
        h.engine.dispatcher.tick();
        assertThat(contactStatus(job, job + "-c2")).as("past its expiry while waiting").isEqualTo(ContactStatus.CANCELLED);
        assertThat(h.detail(job).contacts().get(1).errorCode()).contains("expired");

        h.advance(java.time.Duration.ofSeconds(60)); // 91 s: contact 1 is past its expiry, but in a call
        h.engine.dispatcher.tick();
        assertThat(contactStatus(job, job + "-c1")).isEqualTo(ContactStatus.DIALING);
        ended(first.get(0), "no_answer"); // queued for a retry: it has expired meanwhile
        h.engine.dispatcher.tick();
        assertThat(contactStatus(job, job + "-c1")).isEqualTo(ContactStatus.CANCELLED);
        List<DialRequest> next = h.dialer.drain();
        assertThat(next).extracting(DialRequest::contactId).containsExactly(job + "-c3");
        ended(next.get(0), "completed");
        assertThat(h.detail(job).view().job().status()).isEqualTo(JobStatus.COMPLETED);
    }

    private Either<BatchJobError, io.batchcall.application.port.in.AddContacts.Added> add(String job, boolean dryRun, String key,
                                                                                        List<ContactRow> rows) {
        java.util.concurrent.atomic.AtomicReference<io.batchcall.application.port.in.AddContacts.Added> seen = new java.util.concurrent.atomic.AtomicReference<>();
        return io.batchcall.application.port.in.AddContacts.Command.of(h.org, job, dryRun, key, "hash-" + rows.size())
                .flatMap(c -> h.engine.addContacts.add(c, io.batchcall.application.port.in.ContactRows.of(rows.iterator()), a -> {
                    seen.set(a);
                    return a.added() + "/" + a.totalContacts();
                })).map(answer -> seen.get() != null ? seen.get()
                        : new io.batchcall.application.port.in.AddContacts.Added(false, -1, -1, -1, List.of())); // replayed: not added again
    }

    /**
     * Contacts added to a running job are dialed like the others; a number the job has, or a suppressed one, is skipped;
     * a dry run stores nothing; counters equal a recount; a final job takes none.
     */
    @Test
    void contactsAddedToARunningJobAreDialedAndTheJobsNumbersAreSkipped() {
        String job = job(2, 5);
        h.engine.dispatcher.tick();
        List<DialRequest> first = h.dialer.drain();
        assertThat(first).hasSize(2);
        h.store.suppress(h.org, List.of("+16465559003"), Option.of("asked"), h.clock.now());
        List<ContactRow> more = List.of(new ContactRow(1, "+16465551001", Map.of()), // already in the job (contact 1)
                new ContactRow(2, "+16465559001", Map.of("name", "New")),
                new ContactRow(3, "+16465559002", Map.of()),
                new ContactRow(4, "+16465559002", Map.of()), // twice in this upload
                new ContactRow(5, "+16465559003", Map.of()), // suppressed
                new ContactRow(6, "not a number", Map.of()));
        var dry = add(job, true, null, more).get();
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.added()).isEqualTo(2);
        assertThat(h.detail(job).view().progress().totalContacts()).as("a dry run stores nothing").isEqualTo(2);

        var added = add(job, false, null, more).get();
        assertThat(added.added()).isEqualTo(2);
        assertThat(added.totalContacts()).isEqualTo(4);
        assertThat(added.skippedRows()).extracting(io.batchcall.application.port.in.SkippedRow::reason)
                .containsExactly("duplicate_in_job", "duplicate_phone", "suppressed", "invalid_phone");
        var detail = h.detail(job);
        assertThat(detail.contacts()).extracting(Contact::id).containsExactly(job + "-c1", job + "-c2", job + "-c3", job + "-c4");
        assertThat(detail.contacts().get(2).contactData()).containsEntry("name", "New");
        assertThat(detail.view().progress().statusBreakdown().count(ContactStatus.PENDING)).isEqualTo(2);

        h.engine.dispatcher.tick();
        List<DialRequest> next = h.dialer.drain();
        assertThat(next).extracting(DialRequest::contactId).containsExactlyInAnyOrder(job + "-c3", job + "-c4");
        for (DialRequest r : first) {
            ended(r, "completed");
        }
        for (DialRequest r : next) {
            ended(r, "completed");
        }
        assertThat(h.detail(job).view().job().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(h.detail(job).view().progress().statusBreakdown().count(ContactStatus.COMPLETED)).isEqualTo(4);
        var refused = add(job, false, null, List.of(new ContactRow(1, "+16465559009", Map.of())));
        assertThat(refused.getLeft().code()).isEqualTo("invalid_status");
        assertThat(add("bj_nope", false, null, more).getLeft().code()).isEqualTo("job_not_found");
    }

    @Test
    void anAddOverTheJobsLimitAddsNothingAndARetriedKeyAddsOnce() {
        h = new EngineHarness(newStore(), io.batchcall.application.service.EngineSettings.DEFAULTS.withMaxContactsPerJob(3));
        String job = job(2, 1);
        var tooMany = add(job, false, null, List.of(new ContactRow(1, "+16465558001", Map.of()), new ContactRow(2, "+16465558002", Map.of())));
        assertThat(tooMany.getLeft().code()).isEqualTo("too_many_contacts");
        assertThat(h.detail(job).view().progress().totalContacts()).as("all or nothing").isEqualTo(2);

        List<ContactRow> one = List.of(new ContactRow(1, "+16465558001", Map.of()));
        assertThat(add(job, false, "key-1", one).get().added()).isEqualTo(1);
        assertThat(add(job, false, "key-1", one).get().added()).as("the kept answer, not a second add").isEqualTo(-1);
        assertThat(h.detail(job).view().progress().totalContacts()).isEqualTo(3);
    }

    /**
     * A job cancelled while an add's rows are still being read takes none of them (invalid_status), and the cancel is
     * not held up by the add: on PostgreSQL the add holds no lock on the job's row until its last step.
     */
    @Test
    void aJobCancelledWhileContactsAreBeingAddedTakesNoneAndTheCancelIsNotHeldUp() throws Exception {
        String job = job(2, 1);
        java.util.concurrent.atomic.AtomicReference<Object> cancelled = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.Iterator<ContactRow> rows = new java.util.Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < 50;
            }

            @Override
            public ContactRow next() {
                i++;
                if (i == 40) { // mid-add: the job is cancelled on another thread, and this waits (at most 10 s) for it
                    Thread t = new Thread(() -> cancelled.set(h.engine.jobs.act(io.batchcall.application.port.in.JobAction.cancel(h.org, job))));
                    t.start();
                    try {
                        t.join(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return new ContactRow(i, String.format("+1646557%04d", 1000 + i), Map.of());
            }
        };
        var result = io.batchcall.application.port.in.AddContacts.Command.of(h.org, job, false, null, "hash-live")
                .flatMap(c -> h.engine.addContacts.add(c, io.batchcall.application.port.in.ContactRows.of(rows), a -> "added"));
        assertThat(cancelled.get()).as("the cancel finished while the add was reading its rows").isInstanceOf(Either.class);
        assertThat(((Either<?, ?>) cancelled.get()).isRight()).isTrue();
        assertThat(result.getLeft().code()).isEqualTo("invalid_status");
        var detail = h.detail(job);
        assertThat(detail.view().job().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(detail.view().progress().totalContacts()).as("none of the add").isEqualTo(2);
        assertThat(detail.contacts()).hasSize(2);
    }

    private ContactStatus contactStatus(String job, String contactId) {
        return h.engine.timeline.timeline(io.batchcall.application.port.in.GetContactTimeline.Query.of(h.org, job, contactId).get()).get()
                .contact().status();
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
