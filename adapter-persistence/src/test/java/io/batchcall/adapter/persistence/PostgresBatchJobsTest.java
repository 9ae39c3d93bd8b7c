package io.batchcall.adapter.persistence;

import io.batchcall.adapter.persistence.job.JdbcBatchJobs;

import io.batchcall.application.BatchJobsContract;
import io.batchcall.application.EngineHarness;
import io.batchcall.application.port.in.DetailStamp;
import io.batchcall.application.port.in.JobDetail;
import io.batchcall.application.port.out.BatchJobs;
import io.batchcall.application.service.EngineSettings;
import io.batchcall.application.port.out.ContactUpdate;
import io.batchcall.application.port.out.EventKey;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.paging.ContactQuery;
import io.batchcall.domain.paging.PageRequest;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The persistence contract on a real PostgreSQL, and what several instances on one database must see. */
class PostgresBatchJobsTest extends BatchJobsContract {

    private static Database db;
    /** The other threads of a test (a claim or a batch held open in its transaction, a cancel, a report); stopped after it. */
    private final ExecutorService other = Executors.newFixedThreadPool(2);

    @BeforeAll
    static void open() {
        db = Postgres.freshDatabase(8);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @AfterEach
    void stopOtherThreads() {
        other.shutdownNow();
    }

    @Override
    protected BatchJobs store() {
        return new JdbcBatchJobs(db);
    }

    /** Other instances write the same database: no version can be known without reading it. */
    @Override
    protected boolean versionsKnown() {
        return false;
    }

    /**
     * Two engines on one PostgreSQL, as two instances behind a load balancer: an answer one of them kept is recognised
     * as still current by reading the job's row alone, and never once the other wrote to the job.
     */
    @Test
    void anAnswerKeptByOneInstanceIsNotServedOnceAnotherWroteTheJob() {
        EngineHarness reader = new EngineHarness(new JdbcBatchJobs(db), EngineSettings.DEFAULTS);
        EngineHarness writer = new EngineHarness(new JdbcBatchJobs(db), EngineSettings.DEFAULTS);
        String id = reader.create(3, 1, 1, List.of(), 60).job().id();
        JobDetail kept = io.batchcall.application.port.in.DetailQuery.parse(reader.org, id, null, null, null).flatMap(reader.engine.detail::detail).get();
        assertThat(kept.stamp().isDefined()).as("stamped with the job's stored version").isTrue();
        assertThat(reader.engine.detail.isCurrent(id, kept.stamp().get())).as("other instances write too: memory cannot tell").isFalse();
        assertThat(io.batchcall.application.port.in.DetailQuery.parse(reader.org, id, null, null, null).flatMap(q -> reader.engine.detail.detailUnlessCurrent(q, kept.stamp().get())).get())
                .as("nothing written since: still current").isEqualTo(Option.none());
        assertThat(io.batchcall.application.port.in.DetailQuery.parse("org-other", id, null, null, null).flatMap(q -> reader.engine.detail.detailUnlessCurrent(q, kept.stamp().get())).getLeft().code())
                .isEqualTo("job_not_found");

        writer.engine.jobs.act(io.batchcall.application.port.in.JobAction.start(reader.org, id)); // the other instance
        Option<JobDetail> after = io.batchcall.application.port.in.DetailQuery.parse(reader.org, id, null, null, null).flatMap(q -> reader.engine.detail.detailUnlessCurrent(q, kept.stamp().get())).get();
        assertThat(after.isDefined()).isTrue();
        assertThat(after.get().view().job().status().wire()).isEqualTo("running");

        JobDetail running = io.batchcall.application.port.in.DetailQuery.parse(reader.org, id, null, null, null).flatMap(reader.engine.detail::detail).get();
        writer.engine.dispatcher.tick(); // its claim writes only contacts and counts
        assertThat(io.batchcall.application.port.in.DetailQuery.parse(reader.org, id, null, null, null).flatMap(q -> reader.engine.detail.detailUnlessCurrent(q, running.stamp().getOrElse(new DetailStamp(-1, Instant.MAX)))).get()
                .get().view().progress().statusBreakdown().count(ContactStatus.DIALING)).isEqualTo(1);
    }

    /**
     * A claim is a long transaction (it writes every contact it takes): the call events of the same job do not wait for
     * it (they change contacts in a call, the claim waiting ones), and a pause that lands meanwhile keeps the claim from
     * dialing anything. Fails when a claim locks the job row for its whole length.
     */
    @Test
    void aClaimInProgressHoldsUpNeitherTheJobsCallEventsNorAPause() throws Exception {
        BatchJob job = twoInCalls(4);
        assertThat(finish(job, 1, 1, ContactStatus.COMPLETED, T0).isRight()).isTrue(); // one slot free

        BlockedClaim claim = new BlockedClaim(job, other);
        Either<BatchJobError, ContactUpdate> ended = other.submit(() -> finish(job, 2, 1, ContactStatus.COMPLETED, T0))
                .get(10, TimeUnit.SECONDS); // the claim holds no lock this needs
        assertThat(ended.isRight()).isTrue();
        claim.release();
        assertThat(claim.result.get(10, TimeUnit.SECONDS)).extracting(Contact::seq).containsExactly(3L);
        assertThat(counts(job)).containsEntry(ContactStatus.COMPLETED, 2L).containsEntry(ContactStatus.DIALING, 1L)
                .containsEntry(ContactStatus.PENDING, 1L);

        BatchJob current = store.findById(job.id()).get().job();
        BlockedClaim beforePause = new BlockedClaim(job, other);
        BatchJob paused = current.pause().get();
        assertThat(CompletableFuture.supplyAsync(() -> store.replace(current, paused)).get(10, TimeUnit.SECONDS)).isTrue();
        beforePause.release();
        assertThat(beforePause.result.get(10, TimeUnit.SECONDS)).as("the job was paused before the claim ended").isEmpty();
        assertThat(contactAt(job.id(), 4).get().status()).isEqualTo(ContactStatus.PENDING);
        assertThat(counts(job)).containsEntry(ContactStatus.DIALING, 1L).containsEntry(ContactStatus.PENDING, 1L);
    }

    /** A cancel that comes while a claim runs waits for it: its counts stay exact, nothing is claimed after it. */
    @Test
    void aCancelDuringAClaimCancelsWhatTheClaimLeftWaiting() throws Exception {
        BatchJob job = running(createJob(2, 5));
        BlockedClaim claim = new BlockedClaim(job, other);
        BatchJob cancelled = job.cancel(T0).get();
        CompletableFuture<Option<Long>> cancel = CompletableFuture.supplyAsync(() ->
                store.replaceAndCancelOpen(job, cancelled, T0, Option.none()));
        assertThat(waitsForALock()).as("the cancel waits for the claim").isTrue();
        claim.release();
        assertThat(claim.result.get(10, TimeUnit.SECONDS)).hasSize(2);
        assertThat(cancel.get(10, TimeUnit.SECONDS)).contains(3L);
        assertThat(counts(job)).containsEntry(ContactStatus.DIALING, 2L).containsEntry(ContactStatus.CANCELLED, 3L)
                .containsEntry(ContactStatus.PENDING, 0L);
        assertThat(store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "r"))).isEmpty();
    }

    /**
     * A batch of call events is a transaction too: another batch of the same job and a claim go on while one is in
     * progress (it holds the contacts whose calls it ends, not the job row), and its answer counts the job's open
     * contacts as they are when it ends. Fails when an event batch locks the job row for its whole length.
     */
    @Test
    void aCallEventBatchInProgressHoldsUpNeitherAnotherBatchNorAClaim() throws Exception {
        BatchJob job = twoInCalls(4);
        BlockedEvent first = new BlockedEvent(job, 1, other);
        assertThat(other.submit(() -> finish(job, 2, 1, ContactStatus.COMPLETED, T0)).get(10, TimeUnit.SECONDS).isRight())
                .as("another batch of the job's events").isTrue();
        assertThat(other.submit(() -> store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "r"))).get(10, TimeUnit.SECONDS))
                .as("a claim: contact 1 is still in its call, one slot is free").extracting(Contact::seq).containsExactly(3L);
        first.release();
        ContactUpdate ended = first.result.get(10, TimeUnit.SECONDS).get();
        assertThat(ended.after().status()).isEqualTo(ContactStatus.COMPLETED);
        assertThat(ended.openContacts()).as("open when it ended: contact 3 in a call, 4 waiting").isEqualTo(2);
        assertThat(counts(job)).containsEntry(ContactStatus.COMPLETED, 2L).containsEntry(ContactStatus.DIALING, 1L)
                .containsEntry(ContactStatus.PENDING, 1L);
    }

    /**
     * A job that fails while a batch of its call events is in progress waits for the batch (which holds contacts in a
     * call the failure abandons), then abandons what is left — no deadlock, counts exact. Fails (a deadlock, detected
     * by PostgreSQL) when the failure locks the job row before the contacts in a call.
     */
    @Test
    void aJobFailingDuringACallEventBatchWaitsForItThenAbandonsTheRest() throws Exception {
        BatchJob job = twoInCalls(4);
        BlockedEvent event = new BlockedEvent(job, 1, other);
        BatchJob failed = job.fail(T0, "trunk down").get();
        CompletableFuture<Option<Long>> failure = CompletableFuture.supplyAsync(() ->
                store.replaceAndCancelOpen(job, failed, T0, Option.of("job failed: trunk down")));
        assertThat(waitsForALock()).as("the failure waits for the batch").isTrue();
        event.release();
        assertThat(event.result.get(10, TimeUnit.SECONDS).get().after().status()).isEqualTo(ContactStatus.COMPLETED);
        assertThat(failure.get(10, TimeUnit.SECONDS)).as("contact 2 in its call, 3 and 4 waiting").contains(3L);
        assertThat(counts(job)).containsEntry(ContactStatus.COMPLETED, 1L).containsEntry(ContactStatus.CANCELLED, 3L)
                .containsEntry(ContactStatus.DIALING, 0L);
    }

    /** Two reports of one attempt whose contact is no longer in its call, at the same moment: neither fails. */
    @Test
    void lateReportsOfAClosedAttemptArrivingTogetherBothAnswer() throws Exception {
        BatchJob job = twoInCalls(2);
        assertThat(finish(job, 1, 1, ContactStatus.COMPLETED, T0).isRight()).isTrue();
        CountDownLatch both = new CountDownLatch(2);
        java.util.List<Future<Either<BatchJobError, ContactUpdate>>> reports = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            reports.add(other.submit(() -> io.batchcall.application.OneChange.apply(store, Option.none(), job.id(), 1, Option.of(new EventKey(1, 1, "connected")),
                    (j, c) -> {
                        both.countDown();
                        try {
                            both.await(5, TimeUnit.SECONDS); // both read the contact before either writes
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return Either.right(c);
                    })));
        }
        for (var report : reports) {
            assertThat(report.get(10, TimeUnit.SECONDS).isRight()).isTrue();
        }
        assertThat(io.batchcall.application.OneChange.apply(store, Option.none(), job.id(), 1, Option.of(new EventKey(1, 1, "connected")), (j, c) -> Either.right(c))
                .get().duplicate()).as("recorded once").isTrue();
    }

    /** A running job of {@code contacts} contacts and a limit of 2, its first two in a call. */
    private BatchJob twoInCalls(int contacts) {
        BatchJob job = running(createJob(2, contacts));
        assertThat(store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "r"))).hasSize(2);
        return job;
    }

    private java.util.Map<ContactStatus, Long> counts(BatchJob job) {
        java.util.Map<ContactStatus, Long> stored = new java.util.EnumMap<>(ContactStatus.class);
        for (ContactStatus s : ContactStatus.values()) {
            stored.put(s, store.findById(job.id()).get().breakdown().count(s));
        }
        java.util.Map<ContactStatus, Long> recount = new java.util.EnumMap<>(ContactStatus.class);
        for (ContactStatus s : ContactStatus.values()) {
            recount.put(s, 0L);
        }
        page(job.id(), ContactQuery.all(new PageRequest(1, 100))).forEach(c -> recount.merge(c.status(), 1L, Long::sum));
        assertThat(stored).as("counters equal a recount").isEqualTo(recount);
        return stored;
    }

    /** Whether, within 10 s, a session of the database waits for a lock another holds. */
    private static boolean waitsForALock() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (var c = db.dataSource().getConnection(); var ps = c.prepareStatement("select count(*) from pg_stat_activity where wait_event_type = 'Lock'")) {
            while (System.nanoTime() < deadline) {
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return true;
                    }
                }
                Thread.sleep(20);
            }
        }
        return false;
    }

    /** An "ended" report of a contact's first attempt on another thread, stopped inside its transaction until released. */
    private final class BlockedEvent {
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch go = new CountDownLatch(1);
        final Future<Either<BatchJobError, ContactUpdate>> result;

        BlockedEvent(BatchJob job, long seq, ExecutorService on) throws InterruptedException {
            result = on.submit(() -> io.batchcall.application.OneChange.apply(store, Option.none(), job.id(), seq, Option.of(new EventKey(seq, 1, "ended")), (j, c) -> {
                inside.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return c.finish(io.batchcall.domain.contact.AttemptResult.of(ContactStatus.COMPLETED), T0, j.retryPolicy(), j.allowsRetries())
                        .mapLeft(r -> new BatchJobError.StaleAttempt(r.describe()));
            }));
            assertThat(inside.await(10, TimeUnit.SECONDS)).as("the batch reached its change").isTrue();
        }

        void release() {
            go.countDown();
        }
    }

    /** A claim on another thread, stopped inside its transaction (in the dispatch of its first contact) until released. */
    private final class BlockedClaim {
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch go = new CountDownLatch(1);
        final Future<io.vavr.collection.List<Contact>> result;

        BlockedClaim(BatchJob job, ExecutorService on) throws InterruptedException {
            result = on.submit(() -> store.claimDue(job.id(), 100, T0, (j, c) -> {
                inside.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return c.dispatch(T0, "r");
            }));
            assertThat(inside.await(10, TimeUnit.SECONDS)).as("the claim reached its dispatch").isTrue();
        }

        void release() {
            go.countDown();
        }
    }
}
