package io.batchcall.application;

import io.batchcall.application.port.out.BatchJobs;
import io.batchcall.application.port.out.ContactChange;
import io.batchcall.application.port.out.ContactUpdate;
import io.batchcall.application.port.out.EventKey;
import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.application.port.out.NewContact;
import io.batchcall.domain.contact.AttemptResult;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.PhoneNumber;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.job.RetryPolicy;
import io.batchcall.domain.paging.ContactQuery;
import io.batchcall.domain.paging.PageRequest;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one persistence contract: every {@link BatchJobs} implementation (in-memory, H2, PostgreSQL)
 * runs these tests through a subclass that supplies a fresh store.
 */
public abstract class BatchJobsContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    protected BatchJobs store;
    private String org;

    /** A store; it may hold other tests' data (tests use fresh organization and job ids). */
    protected abstract BatchJobs store();

    @BeforeEach
    void setUp() {
        store = store();
        org = "org-" + UUID.randomUUID();
    }

    protected BatchJob job(String org, int limit, Instant createdAt) {
        return BatchJob.create("bj_" + UUID.randomUUID().toString().replace("-", ""), org, "Campaign", Option.of("desc"),
                Option.of("agent-1"), "pn-1", limit, RetryPolicy.of(2, List.of(ContactStatus.BUSY), 60).get(), Option.none(), createdAt);
    }

    protected Iterator<NewContact> contacts(long n) {
        return LongStream.rangeClosed(1, n).mapToObj(i -> new NewContact(i, new PhoneNumber("+1415555" + String.format("%04d", i)),
                Map.<String, Object>of("name", "Contact " + i, "tier", i % 2 == 0 ? "gold" : "silver"))).iterator();
    }

    /** A page of a job's contacts through the port: the job's snapshot first, as the engine reads it. */
    protected List<Contact> page(String jobId, ContactQuery query) {
        return store.findById(jobId).map(s -> store.contacts(s, query)).getOrElse(List.empty());
    }

    protected Option<Contact> contactAt(String jobId, long seq) {
        return page(jobId, ContactQuery.all(new PageRequest((int) seq, 1))).headOption();
    }

    protected BatchJob running(BatchJob job) {
        BatchJob next = job.start(T0).get();
        assertThat(store.replace(job, next)).isTrue();
        return next;
    }

    /** Whether this store sees every write to it (one process owns it) and so knows its jobs' versions from memory. */
    protected boolean versionsKnown() {
        return true;
    }

    @Test
    void aJobsVersionsMoveWithEveryWriteToItAndWithNothingElse() {
        BatchJob job = job(org, 5, T0);
        BatchJob other = job(org, 5, T0);
        store.create(job, contacts(3));
        store.create(other, contacts(3));
        // the version from memory (stores one process owns) and the stored one (read with the job's row), where kept
        java.util.function.Supplier<List<java.util.OptionalLong>> versions = () -> List.of(store.versions().version(job.id()),
                store.findById(job.id()).map(JobSnapshot::version).getOrElse(java.util.OptionalLong.empty()));
        List<java.util.OptionalLong> first = versions.get();
        assertThat(first.get(0).isPresent()).as("versions from memory").isEqualTo(versionsKnown());
        assertThat(first.exists(java.util.OptionalLong::isPresent)).as("some version is known").isTrue();
        java.util.List<List<java.util.OptionalLong>> seen = new java.util.ArrayList<>(java.util.List.of(first));
        java.util.function.Consumer<String> moved = what -> {
            List<java.util.OptionalLong> now = versions.get();
            for (int i = 0; i < 2; i++) {
                int k = i;
                if (now.get(k).isPresent()) {
                    assertThat(seen.stream().map(v -> v.get(k))).as(what).doesNotContain(now.get(k));
                }
            }
            seen.add(now);
        };
        store.findById(job.id());
        page(job.id(), ContactQuery.all(new PageRequest(1, 10)));
        running(other); // (its contacts share the job's numbers: claiming them would keep the job's from being dialed)
        assertThat(versions.get()).as("reads, and writes to another job").isEqualTo(first);
        BatchJob started = running(job);
        moved.accept("started");
        assertThat(store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "r"))).hasSize(3);
        moved.accept("a claim");
        finish(started, 1, 1, ContactStatus.BUSY, T0);
        moved.accept("a call event");
        BatchJob cancelled = started.cancel(T0).get();
        assertThat(store.replaceAndCancelOpen(started, cancelled, T0, Option.none()).isDefined()).isTrue();
        moved.accept("a cancel");
        assertThat(store.delete(cancelled)).isTrue();
        if (versionsKnown()) {
            assertThat(store.versions().version(job.id())).as("a delete").isNotIn(seen.stream().map(v -> v.get(0)).toList());
        }
    }

    @Test
    void aJobsRuleForMachineAnswersIsKept() {
        BatchJob job = job(org, 5, T0).withMachineAnswerOutcome(Option.of(ContactStatus.NO_ANSWER));
        store.create(job, contacts(1));
        assertThat(store.find(org, job.id()).get().job().machineAnswerOutcome()).contains(ContactStatus.NO_ANSWER);
        BatchJob plain = job(org, 5, T0);
        store.create(plain, contacts(1));
        assertThat(store.find(org, plain.id()).get().job().machineAnswerOutcome()).isEmpty();
    }

    @Test
    void createStoresJobAndContactsInUploadOrder() {
        BatchJob job = job(org, 5, T0);
        assertThat(store.create(job, contacts(7))).isEqualTo(7);
        JobSnapshot s = store.find(org, job.id()).get();
        assertThat(s.job()).isEqualTo(job);
        assertThat(s.breakdown().count(ContactStatus.PENDING)).isEqualTo(7);
        assertThat(s.breakdown().total()).isEqualTo(7);
        List<Contact> page = page(job.id(), ContactQuery.all(new PageRequest(1, 5)));
        assertThat(page.map(Contact::seq)).containsExactly(1L, 2L, 3L, 4L, 5L);
        Contact first = page.head();
        assertThat(first.id()).isEqualTo(Contact.idFor(job.id(), 1));
        assertThat(first.phoneNumber()).isEqualTo("+14155550001");
        assertThat(first.contactData()).containsEntry("name", "Contact 1").containsEntry("tier", "silver");
        assertThat(first.maxAttempts()).isEqualTo(2);
        assertThat(page(job.id(), ContactQuery.all(new PageRequest(2, 5))).map(Contact::seq)).containsExactly(6L, 7L);
    }

    @Test
    void contactDataComesBackAsUploaded() {
        // what a bulk load's text format must escape, and JSON's own escapes, in consecutive rows
        Map<String, Object> nested = new java.util.LinkedHashMap<>();
        nested.put("path", "C:\\calls\\new\tlist");
        nested.put("none", null);
        nested.put("list", List.of(1, 2.5, true, "a\\\"b", Map.of("deep", "\n")).asJava());
        java.util.List<Map<String, Object>> data = java.util.List.of(
                Map.of("note", "line one\nline two\r\n\ttabbed \\N not null", "quote", "say \"hi\""),
                Map.of("unicode", "Zoë \uD83D\uDCDE \u2028 \u0001", "nested", nested),
                Map.of("count", 42, "ratio", 1.5, "vip", false, "empty", ""),
                Map.of());
        Iterator<NewContact> rows = LongStream.rangeClosed(1, data.size()).mapToObj(i -> new NewContact(i,
                new PhoneNumber("+1415555" + String.format("%04d", i)), data.get((int) i - 1))).iterator();
        BatchJob job = job(org, 5, T0);
        assertThat(store.create(job, rows)).isEqualTo(4);
        List<Contact> page = page(job.id(), ContactQuery.all(new PageRequest(1, 10)));
        assertThat(page.map(Contact::contactData).asJava()).containsExactlyElementsOf(data);
    }

    @Test
    void emptyCreateWritesNothing() {
        BatchJob job = job(org, 5, T0);
        assertThat(store.create(job, contacts(0))).isZero();
        assertThat(store.find(org, job.id())).isEmpty();
    }

    @Test
    void failingCreateLeavesNoPartialJob() {
        BatchJob job = job(org, 5, T0);
        // past several of the embedded store's import chunks (committed one by one until the last)
        Iterator<NewContact> good = contacts(50_000);
        Iterator<NewContact> breaking = new Iterator<>() {
            int n;
            public boolean hasNext() {
                return true;
            }
            public NewContact next() {
                if (++n > 45_000) {
                    throw new IllegalStateException("upload broke");
                }
                return good.next();
            }
        };
        assertThatThrownBy(() -> store.create(job, breaking)).hasMessageContaining("upload broke");
        assertThat(store.find(org, job.id())).isEmpty();
        assertThat(store.findById(job.id())).isEmpty();
        assertThat(store.list(org, Option.none(), new PageRequest(1, 10))._2).isZero();
        assertThat(page(job.id(), ContactQuery.all(new PageRequest(1, 10)))).isEmpty();
        assertThat(contactAt(job.id(), 1)).isEmpty();
    }

    @Test
    void anotherOrganizationSeesNothing() {
        BatchJob job = job(org, 5, T0);
        store.create(job, contacts(1));
        assertThat(store.find("someone-else", job.id())).isEmpty();
        assertThat(store.list("someone-else", Option.none(), new PageRequest(1, 10))._1).isEmpty();
    }

    @Test
    void listIsNewestFirstFilteredAndPaged() {
        BatchJob a = job(org, 5, T0);
        BatchJob b = job(org, 5, T0.plusSeconds(10));
        BatchJob c = job(org, 5, T0.plusSeconds(20));
        store.create(a, contacts(1));
        store.create(b, contacts(1));
        store.create(c, contacts(1));
        running(b);
        var all = store.list(org, Option.none(), new PageRequest(1, 2));
        assertThat(all._2).isEqualTo(3);
        assertThat(all._1.map(s -> s.job().id())).containsExactly(c.id(), b.id());
        assertThat(store.list(org, Option.none(), new PageRequest(2, 2))._1.map(s -> s.job().id())).containsExactly(a.id());
        var runningOnly = store.list(org, Option.of(JobStatus.RUNNING), new PageRequest(1, 10));
        assertThat(runningOnly._2).isEqualTo(1);
        assertThat(runningOnly._1.head().job().status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void replaceIsACompareAndSetOnTheStatus() {
        BatchJob job = job(org, 5, T0);
        store.create(job, contacts(1));
        BatchJob started = job.start(T0).get();
        assertThat(store.replace(job, started)).isTrue();
        assertThat(store.replace(job, job.cancel(T0).get())).isFalse();
        assertThat(store.find(org, job.id()).get().job()).isEqualTo(started);
    }

    @Test
    void replaceFailsWhenTheScheduleChangedMeanwhile() {
        // the dispatcher read a scheduled job; a reschedule lands before its start is written: the start must not win
        BatchJob scheduled = BatchJob.create("bj_" + UUID.randomUUID().toString().replace("-", ""), org, "Later", Option.none(),
                Option.none(), "pn-1", 5, RetryPolicy.DEFAULT, Option.of(T0.plusSeconds(60)), T0);
        store.create(scheduled, contacts(1));
        BatchJob moved = scheduled.reschedule(T0.plusSeconds(3600), T0).get();
        assertThat(store.replace(scheduled, moved)).isTrue();
        assertThat(store.replace(scheduled, scheduled.start(T0.plusSeconds(61)).get())).isFalse();
        assertThat(store.find(org, scheduled.id()).get().job()).isEqualTo(moved);
    }

    @Test
    void claimRespectsTheJobLimitAndUploadOrder() {
        BatchJob job = running(createJob(3, 10));
        List<Contact> claimed = store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "room-" + c.seq()));
        assertThat(claimed.map(Contact::seq)).containsExactly(1L, 2L, 3L);
        assertThat(claimed).allMatch(c -> c.status() == ContactStatus.DIALING && c.attemptCount() == 1);
        assertThat(store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "r"))).isEmpty();
        JobSnapshot s = store.findById(job.id()).get();
        assertThat(s.breakdown().count(ContactStatus.DIALING)).isEqualTo(3);
        assertThat(s.breakdown().count(ContactStatus.PENDING)).isEqualTo(7);
        assertThat(contactAt(job.id(), 2).get().roomName()).contains("room-2");
    }

    @Test
    void claimRespectsTheOrganizationCapAcrossJobs() {
        BatchJob a = running(createJob(5, 10));
        BatchJob b = running(createJob(5, 10));
        assertThat(store.claimDue(a.id(), 7, T0, (j, c) -> c.dispatch(T0, "r"))).hasSize(5);
        assertThat(store.claimDue(b.id(), 7, T0, (j, c) -> c.dispatch(T0, "r"))).hasSize(2);
        assertThat(store.claimDue(b.id(), 7, T0, (j, c) -> c.dispatch(T0, "r"))).isEmpty();
    }

    @Test
    void claimTakesOnlyDueRetriesAndNothingFromAJobThatIsNotRunning() {
        BatchJob pending = createJob(5, 3);
        assertThat(store.claimDue(pending.id(), 100, T0, (j, c) -> c.dispatch(T0, "r"))).isEmpty();
        BatchJob job = running(pending);
        store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "r"));
        finish(job, 1, 1, ContactStatus.BUSY, T0);   // retryable → queued until T0+60
        finish(job, 2, 1, ContactStatus.COMPLETED, T0);
        finish(job, 3, 1, ContactStatus.NO_ANSWER, T0);
        assertThat(store.claimDue(job.id(), 100, T0.plusSeconds(59), (j, c) -> c.dispatch(T0.plusSeconds(59), "r"))).isEmpty();
        List<Contact> retry = store.claimDue(job.id(), 100, T0.plusSeconds(60), (j, c) -> c.dispatch(T0.plusSeconds(60), "r"));
        assertThat(retry.map(Contact::seq)).containsExactly(1L);
        assertThat(retry.head().attemptCount()).isEqualTo(2);
    }

    @Test
    void updateContactKeepsTheBreakdownExactAndIsIdempotentPerKey() {
        BatchJob job = running(createJob(5, 3));
        store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "r"));
        ContactUpdate first = finish(job, 1, 1, ContactStatus.COMPLETED, T0).get();
        assertThat(first.duplicate()).isFalse();
        assertThat(first.openContacts()).isEqualTo(2);
        assertThat(first.after().status()).isEqualTo(ContactStatus.COMPLETED);
        ContactUpdate again = finish(job, 1, 1, ContactStatus.COMPLETED, T0).get();
        assertThat(again.duplicate()).isTrue();
        JobSnapshot s = store.findById(job.id()).get();
        assertThat(s.breakdown().count(ContactStatus.COMPLETED)).isEqualTo(1);
        assertThat(s.breakdown().count(ContactStatus.DIALING)).isEqualTo(2);
    }

    @Test
    void batchedUpdatesApplyInOrderEachOnItsOwn() {
        BatchJob job = running(createJob(5, 3));
        store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "r"));
        BiFunction<BatchJob, Contact, Either<BatchJobError, Contact>> complete = (j, c) -> c.finish(AttemptResult.of(ContactStatus.COMPLETED),
                T0, j.retryPolicy(), true).mapLeft(r -> new BatchJobError.StaleAttempt(r.describe()));
        var results = store.updateContacts(Option.none(), job.id(), List.of(
                new ContactChange(1, Option.of(new EventKey(1, 1, "ended")), complete),
                new ContactChange(1, Option.of(new EventKey(1, 1, "ended")), complete),      // same key again: duplicate
                new ContactChange(2, Option.of(new EventKey(2, 1, "ended")), complete),
                new ContactChange(2, Option.of(new EventKey(2, 1, "other")), complete),      // sees contact 2 completed: refused
                new ContactChange(42, Option.none(), complete))).get();
        assertThat(results.get(0).get().after().status()).isEqualTo(ContactStatus.COMPLETED);
        assertThat(results.get(1).get().duplicate()).isTrue();
        assertThat(results.get(2).get().openContacts()).isEqualTo(1);
        assertThat(results.get(3).getLeft()).isInstanceOf(BatchJobError.StaleAttempt.class);
        assertThat(results.get(4).getLeft()).isInstanceOf(BatchJobError.ContactNotFound.class);
        JobSnapshot s = store.findById(job.id()).get();
        assertThat(s.breakdown().count(ContactStatus.COMPLETED)).isEqualTo(2);
        assertThat(s.breakdown().count(ContactStatus.DIALING)).isEqualTo(1);
        assertThat(finish(job, 2, 1, ContactStatus.BUSY, T0).get().duplicate()).isTrue();
    }

    @Test
    void aRejectedUpdateWritesNeitherTheContactNorTheKey() {
        BatchJob job = running(createJob(5, 1));
        Either<BatchJobError, ContactUpdate> refused = io.batchcall.application.OneChange.apply(store, Option.none(), job.id(), 1, Option.of(new EventKey(1, 1, "ended")),
                (j, c) -> Either.left(new BatchJobError.StaleAttempt("no")));
        assertThat(refused.getLeft()).isInstanceOf(BatchJobError.StaleAttempt.class);
        store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "r"));
        assertThat(finish(job, 1, 1, ContactStatus.COMPLETED, T0).get().duplicate()).isFalse();
    }

    @Test
    void updateOfAnUnknownContactIsNotFound() {
        BatchJob job = createJob(5, 1);
        assertThat(io.batchcall.application.OneChange.apply(store, Option.none(), job.id(), 99, Option.none(), (j, c) -> Either.right(c)).getLeft())
                .isInstanceOf(BatchJobError.ContactNotFound.class);
        assertThat(io.batchcall.application.OneChange.apply(store, Option.of("another-org"), job.id(), 1, Option.none(), (j, c) -> Either.right(c)).getLeft())
                .isInstanceOf(BatchJobError.JobNotFound.class);
        assertThat(io.batchcall.application.OneChange.apply(store, Option.none(), "bj_missing", 1, Option.none(), (j, c) -> Either.right(c)).getLeft())
                .isInstanceOf(BatchJobError.JobNotFound.class);
        assertThat(contactAt(job.id(), 99)).isEmpty();
    }

    @Test
    void cancelOpenCancelsPendingAndQueuedButLetsDialingFinish() {
        BatchJob job = running(createJob(2, 5));
        store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "r"));
        finish(job, 1, 1, ContactStatus.BUSY, T0); // queued
        BatchJob cancelled = job.cancel(T0.plusSeconds(1)).get();
        assertThat(store.replaceAndCancelOpen(job, cancelled, T0.plusSeconds(1), Option.none())).contains(4L);
        JobSnapshot s = store.findById(job.id()).get();
        assertThat(s.job().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(s.breakdown().count(ContactStatus.CANCELLED)).isEqualTo(4);
        assertThat(s.breakdown().count(ContactStatus.DIALING)).isEqualTo(1);
        Contact c = contactAt(job.id(), 3).get();
        assertThat(c.status()).isEqualTo(ContactStatus.CANCELLED);
        assertThat(c.completedAt()).contains(T0.plusSeconds(1));
        assertThat(contactAt(job.id(), 1).get().nextRetryAt()).isEmpty();
        assertThat(store.replaceAndCancelOpen(job, cancelled, T0, Option.none())).isEmpty();
    }

    @Test
    void abandonCancelsDialingContactsTooWithTheReason() {
        BatchJob job = running(createJob(2, 4));
        store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "r"));
        BatchJob failed = job.fail(T0, "caller ID rejected").get();
        assertThat(store.replaceAndCancelOpen(job, failed, T0, Option.of("job failed: caller ID rejected"))).contains(4L);
        Contact dialing = contactAt(job.id(), 1).get();
        assertThat(dialing.status()).isEqualTo(ContactStatus.CANCELLED);
        assertThat(dialing.failureReason()).contains("job failed: caller ID rejected");
        assertThat(store.findById(job.id()).get().breakdown().count(ContactStatus.CANCELLED)).isEqualTo(4);
        assertThat(store.findById(job.id()).get().job().failureReason()).contains("caller ID rejected");
    }

    @Test
    void filteredPagesPartitionTheMatchingContacts() {
        BatchJob job = running(createJob(4, 9));
        store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "r"));
        finish(job, 2, 1, ContactStatus.COMPLETED, T0);
        finish(job, 4, 1, ContactStatus.INVALID_NUMBER, T0);
        ContactQuery pendingAndCompleted = new ContactQuery(LinkedHashSet.of(ContactStatus.PENDING, ContactStatus.COMPLETED), new PageRequest(1, 2));
        List<Long> seen = List.empty();
        for (int p = 1; p <= 4; p++) {
            seen = seen.appendAll(page(job.id(), new ContactQuery(pendingAndCompleted.statuses(), new PageRequest(p, 2))).map(Contact::seq));
        }
        assertThat(seen).containsExactly(2L, 5L, 6L, 7L, 8L, 9L);
        assertThat(store.findById(job.id()).get().breakdown().countOf(pendingAndCompleted.statuses())).isEqualTo(6);
    }

    @Test
    void contactStateRoundTripsEveryField() {
        BatchJob job = running(createJob(1, 1));
        store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "room-x"));
        io.batchcall.application.OneChange.apply(store, Option.none(), job.id(), 1, Option.none(), (j, c) -> c.finish(
                new AttemptResult(ContactStatus.CARRIER_ERROR, Option.of("503"), Option.of("upstream down"), Option.of(7), Option.of("room-y")),
                T0.plusSeconds(30), j.retryPolicy(), true).mapLeft(r -> new BatchJobError.StaleAttempt(r.describe())));
        Contact c = contactAt(job.id(), 1).get();
        assertThat(c.status()).isEqualTo(ContactStatus.CARRIER_ERROR);
        assertThat(c.errorCode()).contains("503");
        assertThat(c.failureReason()).contains("upstream down");
        assertThat(c.callDuration()).contains(7);
        assertThat(c.roomName()).contains("room-y");
        assertThat(c.lastAttemptAt()).contains(T0);
        assertThat(c.completedAt()).contains(T0.plusSeconds(30));
        assertThat(c.attemptCount()).isEqualTo(1);
    }

    @Test
    void activeJobsAndOverdueAttempts() {
        BatchJob job = running(createJob(2, 3));
        assertThat(store.activeJobs(T0).map(s -> s.job().id())).contains(job.id());
        assertThat(store.activeJobs(T0).find(s -> s.job().id().equals(job.id())).get().breakdown().count(ContactStatus.PENDING)).isEqualTo(3);
        store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "r"));
        var overdue = store.overdueAttempts(T0.plusSeconds(1), 1000).filter(o -> o.jobId().equals(job.id()));
        assertThat(overdue.map(o -> o.seq())).containsExactlyInAnyOrder(1L, 2L);
        assertThat(overdue).allMatch(o -> o.attempt() == 1);
        assertThat(store.overdueAttempts(T0, 1000).filter(o -> o.jobId().equals(job.id()))).isEmpty();
        BatchJob cancelled = job.cancel(T0).get();
        store.replaceAndCancelOpen(job, cancelled, T0, Option.none());
        assertThat(store.activeJobs(T0).map(s -> s.job().id())).doesNotContain(job.id());
    }

    @Test
    void aScheduledJobIsActiveOnlyOnceItsTimeHasCome() {
        BatchJob later = BatchJob.create("bj_" + UUID.randomUUID().toString().replace("-", ""), org, "Later", Option.none(),
                Option.none(), "pn-1", 5, RetryPolicy.DEFAULT, Option.of(T0.plusSeconds(600)), T0);
        store.create(later, contacts(1));
        assertThat(store.activeJobs(T0.plusSeconds(599)).map(s -> s.job().id())).doesNotContain(later.id());
        assertThat(store.activeJobs(T0.plusSeconds(600)).map(s -> s.job().id())).contains(later.id());
    }

    @Test
    void filteredPagesAtAnyDepthMatchAFullScan() {
        BatchJob job = running(createJob(1000, 5000));
        ContactStatus[] outcomes = {ContactStatus.COMPLETED, ContactStatus.BUSY, ContactStatus.NO_ANSWER, ContactStatus.COMPLETED,
                ContactStatus.INVALID_NUMBER};
        for (int round = 0; round < 3; round++) {
            List<Contact> claimed = store.claimDue(job.id(), 1000, T0, (j, c) -> c.dispatch(T0, "r"));
            for (Contact c : claimed.filter(c -> c.seq() % 7 != 0)) {
                finish(job, c.seq(), c.attemptCount(), outcomes[(int) (c.seq() % outcomes.length)], T0.plusSeconds(1));
            }
        }
        List<Contact> all = List.empty();
        for (int p = 1; p <= 10; p++) {
            all = all.appendAll(page(job.id(), ContactQuery.all(new PageRequest(p, 500))));
        }
        assertThat(all.map(Contact::seq)).isEqualTo(List.rangeClosed(1L, 5000L));
        checkPages(job, all, LinkedHashSet.of(ContactStatus.COMPLETED));
        checkPages(job, all, LinkedHashSet.of(ContactStatus.QUEUED, ContactStatus.INVALID_NUMBER));
        checkPages(job, all, LinkedHashSet.of(ContactStatus.PENDING, ContactStatus.DIALING));
        store.replaceAndCancelOpen(job, job.cancel(T0).get(), T0, Option.none());
        List<Contact> after = List.empty();
        for (int p = 1; p <= 10; p++) {
            after = after.appendAll(page(job.id(), ContactQuery.all(new PageRequest(p, 500))));
        }
        checkPages(job, after, LinkedHashSet.of(ContactStatus.CANCELLED));
        checkPages(job, after, LinkedHashSet.of(ContactStatus.CANCELLED, ContactStatus.DIALING, ContactStatus.NO_ANSWER));
        // more than 4096 matching: deep pages located from the front as well as from the end
        checkPages(job, after, LinkedHashSet.of(ContactStatus.CANCELLED, ContactStatus.COMPLETED, ContactStatus.INVALID_NUMBER,
                ContactStatus.NO_ANSWER));
    }

    private void checkPages(BatchJob job, List<Contact> all, io.vavr.collection.Set<ContactStatus> filter) {
        List<Long> expected = all.filter(c -> filter.contains(c.status())).map(Contact::seq);
        assertThat(expected).isNotEmpty();
        assertThat(store.findById(job.id()).get().breakdown().countOf(filter)).isEqualTo(expected.size());
        for (int size : new int[] {37, 500}) {
            List<Long> seen = List.empty();
            List<Long> seenWithCounts = List.empty();
            JobSnapshot snapshot = store.findById(job.id()).get();
            for (int p = 1; (long) (p - 1) * size < expected.size() + size; p++) {
                ContactQuery q = new ContactQuery(filter, new PageRequest(p, size));
                seen = seen.appendAll(page(job.id(), q).map(Contact::seq));
                seenWithCounts = seenWithCounts.appendAll(store.contacts(snapshot, q).map(Contact::seq));
            }
            assertThat(seen).as(filter + " by " + size).isEqualTo(expected);
            assertThat(seenWithCounts).as(filter + " by " + size + ", counts given").isEqualTo(expected);
        }
    }

    /** Numbers differ between jobs: one number is never in two calls of an organization at once. */
    private static final java.util.concurrent.atomic.AtomicLong NUMBERS = new java.util.concurrent.atomic.AtomicLong();

    protected BatchJob createJob(int limit, long contacts) {
        BatchJob job = job(org, limit, T0);
        long base = NUMBERS.getAndAdd(contacts) % 9_000_000;
        store.create(job, LongStream.rangeClosed(1, contacts).mapToObj(i -> new NewContact(i,
                new PhoneNumber("+1646" + String.format("%07d", base + i)), Map.<String, Object>of("name", "Contact " + i))).iterator());
        return job;
    }

    protected Either<BatchJobError, ContactUpdate> finish(BatchJob job, long seq, int attempt, ContactStatus outcome, Instant at) {
        return io.batchcall.application.OneChange.apply(store, Option.none(), job.id(), seq, Option.of(new EventKey(seq, attempt, "ended")), (j, c) ->
                c.finish(AttemptResult.of(outcome), at, j.retryPolicy(), j.allowsRetries())
                        .mapLeft(r -> new BatchJobError.StaleAttempt(r.describe())));
    }

    @Test
    void aFinalJobIsDeletedWithItsContactsAndAnActiveOneIsNot() {
        BatchJob job = running(createJob(5, 3000));
        assertThat(store.delete(job)).as("a running job is not deleted").isFalse();
        BatchJob cancelled = job.cancel(T0).get();
        store.replaceAndCancelOpen(job, cancelled, T0, Option.none());
        assertThat(store.delete(job)).as("the expected status is a compare-and-set").isFalse();
        assertThat(store.delete(cancelled)).isTrue();
        assertThat(store.findById(job.id())).isEmpty();
        assertThat(store.contactsAfter(job.id(), 0, 10)).isEmpty();
        assertThat(store.list(org, Option.none(), new PageRequest(1, 10))._1.map(s -> s.job().id())).doesNotContain(job.id());
    }

    @Test
    void contactsAfterWalksTheJobInUploadOrder() {
        BatchJob job = createJob(5, 25);
        List<Long> seen = List.empty();
        for (long after = 0; ; after += 10) {
            List<Contact> page = store.contactsAfter(job.id(), after, 10);
            if (page.isEmpty()) {
                break;
            }
            seen = seen.appendAll(page.map(Contact::seq));
        }
        assertThat(seen).containsExactlyElementsOf(List.rangeClosed(1L, 25L));
    }

    // ---------------------------------------------------------------- caller ids and pacing (CONTRACT §14)

    private io.batchcall.domain.caller.CallerId callerId(String id, String phone, Double cps, Integer cap) {
        return io.batchcall.domain.caller.CallerId.of(org, id, phone, cps, cap).get();
    }

    private static io.batchcall.application.port.out.ClaimLimits paced(Double orgRate) {
        return new io.batchcall.application.port.out.ClaimLimits(100, Option.none(), Option.of(orgRate).filter(r -> r > 0),
                java.time.Duration.ofMillis(100));
    }

    /** Claims at {@code at} with the dispatcher's dispatch: the grant's caller id on the contact, its send time kept. */
    private List<Contact> claim(String jobId, io.batchcall.application.port.out.ClaimLimits limits, Instant at,
                                java.util.Map<Long, Instant> sendAt) {
        return store.claimDue(jobId, limits, at, (io.batchcall.domain.job.ClaimRule.Dispatch) (j, c, grant) -> {
            sendAt.put(c.seq(), grant.sendAt());
            return c.dispatch(at, "room-" + c.seq(), grant.callerId());
        });
    }

    @Test
    void callerIdsAreRegisteredChangedListedAndRemovedPerOrganization() {
        assertThat(store.callerIds().registerCallerId(callerId("pn-b", "+14155550100", 1.0, 300), T0)).isTrue();
        assertThat(store.callerIds().registerCallerId(callerId("pn-a", "+12125550100", null, null), T0)).isTrue();
        assertThat(store.callerIds().registerCallerId(callerId("pn-b", "+14155550199", 2.5, null), T0.plusSeconds(5))).as("a change, not new").isFalse();
        var all = store.callerIds().callerIds(org, T0);
        assertThat(all.map(r -> r.callerId().id())).containsExactly("pn-a", "pn-b");
        var b = store.callerIds().callerId(org, "pn-b", T0).get();
        assertThat(b.callerId().phoneNumber().value()).isEqualTo("+14155550199");
        assertThat(b.callerId().callsPerSecond()).contains(2.5);
        assertThat(b.callerId().dailyCap()).isEmpty();
        assertThat(b.registeredAt()).as("kept from the first registration").isEqualTo(T0);
        assertThat(store.callerIds().callerIds("org-other-" + UUID.randomUUID(), T0)).isEmpty();
        assertThat(store.callerIds().removeCallerId(org, "pn-a")).isTrue();
        assertThat(store.callerIds().removeCallerId(org, "pn-a")).isFalse();
        assertThat(store.callerIds().callerId(org, "pn-a", T0)).isEmpty();
    }

    @Test
    void aPoolIsKeptWithTheJobAndEachDialCarriesTheCallerIdItWasGranted() {
        store.callerIds().registerCallerId(callerId("pn-415", "+14155550100", null, null), T0);
        store.callerIds().registerCallerId(callerId("pn-212", "+12125550100", null, null), T0);
        var pool = io.batchcall.domain.caller.CallerPool.of("pn-212", java.util.List.of("pn-415"), "local", true).get();
        BatchJob job = job(org, 5, T0).withCallers(pool);
        store.create(job, contacts(2)); // +1415… numbers
        assertThat(store.find(org, job.id()).get().job().callers()).isEqualTo(pool);
        BatchJob started = running(store.find(org, job.id()).get().job());
        java.util.Map<Long, Instant> sendAt = new java.util.HashMap<>();
        List<Contact> claimed = claim(started.id(), paced(0.0), T0, sendAt);
        assertThat(claimed.map(c -> c.callerId().getOrNull())).as("local presence: the 415 number").containsExactly("pn-415", "pn-415");
        assertThat(contactAt(job.id(), 1).get().callerId()).contains("pn-415");
        assertThat(store.callerIds().callerId(org, "pn-415", T0).get().dialsToday()).isEqualTo(2);
        assertThat(store.callerIds().callerId(org, "pn-415", T0.plus(java.time.Duration.ofDays(1))).get().dialsToday()).as("a new UTC day").isZero();
    }

    @Test
    void aCallerIdsRateSpacesItsDialsAcrossClaimsAndHoldsBackTheRestWithoutReadingThem() {
        store.callerIds().registerCallerId(callerId("pn-1", "+14155550100", 2.0, null), T0);
        BatchJob job = running(createJob(50, 20));
        java.util.Map<Long, Instant> sendAt = new java.util.HashMap<>();
        java.util.List<Contact> all = new java.util.ArrayList<>();
        for (int tick = 0; tick < 30; tick++) { // 3 s of passes every 100 ms
            all.addAll(claim(job.id(), paced(0.0), T0.plusMillis(100L * tick), sendAt).toJavaList());
        }
        java.util.List<Instant> sends = all.stream().map(c -> sendAt.get(c.seq())).sorted().toList();
        assertThat(sends).as("2/s, passes for 3 s scheduling 100 ms ahead: at 0, 0.5 … 3.0 s").hasSize(7);
        for (int i = 1; i < sends.size(); i++) {
            assertThat(java.time.Duration.between(sends.get(i - 1), sends.get(i))).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(500));
        }
        assertThat(all).allMatch(c -> c.callerId().contains("pn-1"));
        assertThat(store.findById(job.id()).get().breakdown().count(ContactStatus.PENDING)).as("the rest wait, not an attempt").isEqualTo(13);
    }

    @Test
    void theOrganizationsDialRateHoldsAcrossItsJobs() {
        BatchJob a = running(createJob(50, 20));
        BatchJob b = running(createJob(50, 20));
        java.util.Map<Long, Instant> sendAt = new java.util.HashMap<>();
        java.util.List<Instant> sends = new java.util.ArrayList<>();
        for (int tick = 0; tick < 20; tick++) { // 2 s
            for (BatchJob j : List.of(a, b)) {
                java.util.Map<Long, Instant> mine = new java.util.HashMap<>();
                claim(j.id(), paced(5.0), T0.plusMillis(100L * tick), mine);
                sends.addAll(mine.values());
            }
        }
        sends.sort(null);
        assertThat(sends).as("5/s for 2 s, both jobs together").hasSizeBetween(10, 11);
        for (int i = 1; i < sends.size(); i++) {
            assertThat(java.time.Duration.between(sends.get(i - 1), sends.get(i))).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(200));
        }
    }

    @Test
    void aCallerIdAtItsDailyCapRestsAndThePoolDialsFromTheOthers() {
        store.callerIds().registerCallerId(callerId("pn-a", "+14155550100", null, 2), T0);
        store.callerIds().registerCallerId(callerId("pn-b", "+14155550101", null, 3), T0);
        var pool = io.batchcall.domain.caller.CallerPool.of(null, java.util.List.of("pn-a", "pn-b"), "round_robin", true).get();
        BatchJob job = job(org, 50, T0).withCallers(pool);
        store.create(job, contacts(10));
        BatchJob started = running(store.find(org, job.id()).get().job());
        List<Contact> claimed = claim(started.id(), paced(0.0), T0, new java.util.HashMap<>());
        assertThat(claimed).hasSize(5);
        assertThat(claimed.count(c -> c.callerId().contains("pn-a"))).isEqualTo(2);
        assertThat(claimed.count(c -> c.callerId().contains("pn-b"))).isEqualTo(3);
        assertThat(claim(started.id(), paced(0.0), T0.plusSeconds(60), new java.util.HashMap<>())).as("every number rests").isEmpty();
        assertThat(claim(started.id(), paced(0.0), T0.plus(java.time.Duration.ofDays(1)), new java.util.HashMap<>())).as("a new UTC day")
                .hasSize(5);
    }

    @Test
    void aJobWithOneUnregisteredIdDialsAsBeforeAndEachContactSaysFromWhich() {
        BatchJob job = running(createJob(5, 5));
        List<Contact> claimed = claim(job.id(), paced(0.0), T0, new java.util.HashMap<>());
        assertThat(claimed).hasSize(5).allMatch(c -> c.callerId().contains("pn-1"));
        assertThat(store.callerIds().callerIds(org, T0)).as("nothing registered, nothing counted").isEmpty();
    }

    @Test
    void aRefusedCallerIdBacksOffForEveryClaimAndShowsIt() {
        store.callerIds().registerCallerId(callerId("pn-1", "+14155550100", 4.0, null), T0);
        BatchJob job = running(createJob(50, 40));
        store.callerIds().recordRefusal(org, "pn-1", T0, java.time.Duration.ofSeconds(30));
        assertThat(store.callerIds().callerId(org, "pn-1", T0).get().backoff().map(b -> b.rate())).contains(2.0);
        java.util.Map<Long, Instant> sendAt = new java.util.HashMap<>();
        java.util.List<Instant> sends = new java.util.ArrayList<>();
        for (int tick = 0; tick < 20; tick++) { // 2 s at 2/s instead of 4/s
            java.util.Map<Long, Instant> mine = new java.util.HashMap<>();
            claim(job.id(), paced(0.0), T0.plusMillis(100L * tick), mine);
            sends.addAll(mine.values());
        }
        assertThat(sends).hasSizeBetween(4, 5);
        assertThat(store.callerIds().callerId(org, "pn-1", T0.plus(java.time.Duration.ofMinutes(10))).get().backoff()).as("recovered").isEmpty();
    }

    @Test
    void anUnregisteredIdThatIsRefusedIsPacedAtHalfTheAssumedLimit() {
        BatchJob job = running(createJob(50, 40)); // pn-1, registered by nobody: unlimited until refused
        store.callerIds().recordRefusal(org, "pn-1", T0, java.time.Duration.ofSeconds(30));
        java.util.List<Instant> sends = new java.util.ArrayList<>();
        for (int tick = 0; tick < 20; tick++) {
            java.util.Map<Long, Instant> mine = new java.util.HashMap<>();
            claim(job.id(), paced(0.0), T0.plusMillis(100L * tick), mine);
            sends.addAll(mine.values());
        }
        assertThat(sends).as("2.5/s for 2 s").hasSizeBetween(5, 6);
    }

    // ---------------------------------------------------------------- CONTRACT §15: attempts and dispositions

    private Either<BatchJobError, ContactUpdate> finishWith(BatchJob job, long seq, int attempt, ContactStatus outcome, Option<String> disposition,
                                                            Instant at) {
        io.batchcall.domain.contact.Conversation said = new io.batchcall.domain.contact.Conversation(disposition,
                disposition.map(d -> io.batchcall.domain.contact.AnsweredBy.HUMAN), disposition.map(d -> Map.<String, Object>of("said", d, "n", attempt)),
                Option.none());
        return io.batchcall.application.OneChange.apply(store, Option.none(), job.id(), seq, Option.of(new EventKey(seq, attempt, "ended")), (j, c) ->
                c.finish(new AttemptResult(outcome, Option.none(), Option.none(), Option.of(5 * attempt), Option.none(), said), at,
                        j.retryPolicy(), j.allowsRetries()).mapLeft(r -> new BatchJobError.StaleAttempt(r.describe())));
    }

    /**
     * Random attempt sequences: every ended attempt is kept once, in order, with what its conversation produced; the
     * job's disposition breakdown always equals a recount of its contacts' last dispositions; the disposition filter
     * pages exactly the contacts a scan finds.
     */
    @Test
    void everyEndedAttemptIsKeptAndTheDispositionBreakdownEqualsARecount() {
        java.util.Random random = new java.util.Random(15);
        BatchJob job = running(createJob(4, 12));
        String[] said = {"interested", "not_interested", "call_later"};
        ContactStatus[] outcomes = {ContactStatus.COMPLETED, ContactStatus.BUSY, ContactStatus.BUSY, ContactStatus.NO_ANSWER};
        java.util.Map<Long, java.util.List<Option<String>>> sent = new java.util.HashMap<>();
        Instant at = T0;
        for (int round = 0; round < 40; round++) {
            at = at.plusSeconds(120);
            Instant now = at;
            for (Contact c : store.claimDue(job.id(), 4, now, (j, k) -> k.dispatch(now, "r"))) {
                Option<String> disposition = random.nextInt(4) == 0 ? Option.none() : Option.of(said[random.nextInt(said.length)]);
                ContactStatus outcome = outcomes[random.nextInt(outcomes.length)];
                assertThat(finishWith(job, c.seq(), c.attemptCount(), outcome, disposition, now).isRight()).isTrue();
                sent.computeIfAbsent(c.seq(), k -> new java.util.ArrayList<>()).add(disposition);
                // a repeat of the same ended event keeps nothing twice
                finishWith(job, c.seq(), c.attemptCount(), outcome, disposition, now);
            }
            java.util.Map<String, Long> recount = new java.util.TreeMap<>();
            store.contactsAfter(job.id(), 0, 100).forEach(k -> k.conversation().disposition().forEach(d -> recount.merge(d, 1L, Long::sum)));
            assertThat(store.conversations().dispositions(job.id())).as("round " + round).isEqualTo(recount);
        }
        assertThat(sent).isNotEmpty();
        sent.forEach((seq, dispositions) -> {
            var attempts = store.conversations().attempts(job.id(), seq);
            assertThat(attempts.map(a -> a.attempt())).as("contact " + seq).containsExactlyElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, dispositions.size()).boxed().toList());
            assertThat(attempts.map(a -> a.conversation().disposition())).containsExactlyElementsOf(dispositions);
            attempts.filter(a -> a.conversation().disposition().isDefined()).forEach(a -> {
                assertThat(a.conversation().outcomeData().get()).containsEntry("said", a.conversation().disposition().get());
                assertThat(a.conversation().answeredBy()).contains(io.batchcall.domain.contact.AnsweredBy.HUMAN);
            });
            assertThat(attempts).allMatch(a -> a.startedAt().isDefined() && a.callDuration().contains(5 * a.attempt()));
            assertThat(attempts.last().status()).as("the last attempt's outcome").isIn(ContactStatus.COMPLETED, ContactStatus.BUSY,
                    ContactStatus.NO_ANSWER);
        });
        List<Contact> all = store.contactsAfter(job.id(), 0, 100);
        Contact shown = all.find(k -> k.conversation().disposition().isDefined()).get();
        assertThat(store.conversations().contact(job.id(), shown.seq()).get().conversation().outcomeData().get())
                .as("the contact shows its last attempt's outcome data").containsEntry("said", shown.conversation().disposition().get());
        java.util.Set<String> wanted = java.util.Set.of("interested", "call_later");
        List<Contact> expected = all.filter(k -> k.conversation().disposition().exists(wanted::contains));
        var firstPage = store.conversations().withDisposition(job.id(), wanted, java.util.Set.of(), 0, 3);
        var rest = store.conversations().withDisposition(job.id(), wanted, java.util.Set.of(), 3, 100);
        assertThat(firstPage._2).isEqualTo(expected.size());
        assertThat(firstPage._1.appendAll(rest._1).map(Contact::seq)).isEqualTo(expected.map(Contact::seq));
        var completed = store.conversations().withDisposition(job.id(), wanted, java.util.Set.of(ContactStatus.COMPLETED), 0, 100);
        assertThat(completed._1.map(Contact::seq)).isEqualTo(expected.filter(k -> k.status() == ContactStatus.COMPLETED).map(Contact::seq));
        assertThat(completed._2).isEqualTo(completed._1.size());
        assertThat(store.conversations().attempts(job.id(), 999)).isEmpty();
        assertThat(store.conversations().contact(job.id(), 999)).isEmpty();
    }

    @Test
    void aJobsRulesForConversationsAreKeptAsCreated() {
        var voicemail = io.batchcall.domain.job.Voicemail.of("leave_message", "Hi {{name}}", "final", Option.none()).get();
        var rules = io.batchcall.domain.job.OutcomeRules.of(java.util.List.of("wrong_person", "not_interested"), java.util.List.of("do_not_call"), 7)
                .get().withVoicemail(voicemail);
        BatchJob job = job(org, 2, T0).withMachineAnswerOutcome(Option.of(ContactStatus.COMPLETED)).withOutcomeRules(rules);
        store.create(job, contacts(2));
        BatchJob read = store.findById(job.id()).get().job();
        assertThat(read.outcomeRules()).isEqualTo(rules);
        assertThat(read).isEqualTo(job);
        BatchJob plain = job(org, 2, T0);
        store.create(plain, contacts(1));
        assertThat(store.findById(plain.id()).get().job().outcomeRules()).isEqualTo(io.batchcall.domain.job.OutcomeRules.DEFAULT);
    }

    @Test
    void aJobsCallsInFlightAreItsDialingContactsWithTheirCalls() {
        BatchJob job = running(createJob(3, 5));
        store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "room-" + c.seq()));
        assertThat(finish(job, 2, 1, ContactStatus.COMPLETED, T0).isRight()).isTrue();
        var inFlight = store.callsInFlight(job.id(), 100);
        assertThat(inFlight.map(a -> a.seq()).sorted()).containsExactly(1L, 3L);
        assertThat(inFlight).allMatch(a -> a.attempt() == 1 && a.roomName().contains("room-" + a.seq()));
        assertThat(store.callsInFlight(job.id(), 1)).hasSize(1);
        assertThat(store.callsInFlight("bj_nope", 10)).isEmpty();
    }
}
