package io.batchcall.adapter.persistence;

import io.batchcall.adapter.persistence.job.JdbcBatchJobs;

import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.port.in.CallEvent;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJobCommand;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.port.out.DialResult;
import io.batchcall.application.port.out.Dialer;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.application.service.EngineSettings;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.job.JobStatus;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three engines, each with its own connection pool and dialer, share one PostgreSQL and run one
 * organization's campaigns. A shared "call floor" records every dial: a contact in two attempts at
 * once, or more calls in flight than a limit allows, is caught there. A call counts as in flight from
 * its dial until just before its outcome is recorded, so the measure never exceeds what the database
 * holds as dialing: a measured excess is a real one.
 */
class MultiInstanceTest {

    private static final TimeSource REAL_TIME = () -> Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final String ORG = "org-multi";
    private static final int JOB_LIMIT = 25;
    private static final int ORG_CAP = 40;

    /** The telephony side all engines dial into. */
    static final class CallFloor {
        final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
        final Map<String, String> dialedBy = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> perJob = new ConcurrentHashMap<>();
        final AtomicInteger org = new AtomicInteger();
        final AtomicInteger maxJob = new AtomicInteger();
        final AtomicInteger maxOrg = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        final Set<Integer> dead = ConcurrentHashMap.newKeySet();
        /** Per number: calls in flight now (more than one is a violation), and dials in all. */
        final Map<String, Integer> numbersInFlight = new ConcurrentHashMap<>();
        final Map<String, Integer> numberDials = new ConcurrentHashMap<>();
        final AtomicInteger numberOverlaps = new AtomicInteger();
        final ScheduledExecutorService callEnds = Executors.newScheduledThreadPool(4);
        final List<BatchCallEngine> engines = new ArrayList<>();
        /** Per number: whether a conversation of it was recorded (a completed call, acknowledged by an engine). */
        final Set<String> conversed = ConcurrentHashMap.newKeySet();
        final AtomicInteger dialsAfterConversation = new AtomicInteger();
        /** Told of each dial as it lands (when it was sent, System.nanoTime), where a test wants the timing. */
        volatile java.util.function.BiConsumer<DialRequest, Long> landed = (r, nanos) -> { };

        synchronized void dialed(int instance, DialRequest r) {
            landed.accept(r, System.nanoTime());
            attempts.incrementAndGet();
            if (inFlight.putIfAbsent(r.contactId(), r.attempt()) != null) {
                duplicates.incrementAndGet();
            }
            dialedBy.put(r.contactId(), String.valueOf(instance));
            if (conversed.contains(r.phoneNumber())) {
                dialsAfterConversation.incrementAndGet();
            }
            if (numbersInFlight.merge(r.phoneNumber(), 1, Integer::sum) > 1) {
                numberOverlaps.incrementAndGet();
            }
            numberDials.merge(r.phoneNumber(), 1, Integer::sum);
            maxJob.accumulateAndGet(perJob.computeIfAbsent(r.batchJobId(), k -> new AtomicInteger()).incrementAndGet(), Math::max);
            maxOrg.accumulateAndGet(org.incrementAndGet(), Math::max);
            callEnds.schedule(() -> end(instance, r), ThreadLocalRandom.current().nextInt(0, 4), TimeUnit.MILLISECONDS);
        }

        private void end(int instance, DialRequest r) {
            synchronized (this) {
                if (dead.contains(instance) || !Integer.valueOf(r.attempt()).equals(inFlight.get(r.contactId()))) {
                    return; // the instance was killed: this call's outcome is never reported
                }
                inFlight.remove(r.contactId());
                perJob.get(r.batchJobId()).decrementAndGet();
                org.decrementAndGet();
                numbersInFlight.merge(r.phoneNumber(), -1, Integer::sum);
            }
            int roll = ThreadLocalRandom.current().nextInt(100);
            String outcome = roll < 60 ? "completed" : roll < 85 ? "busy" : "no_answer";
            List<BatchCallEngine> alive = IntStream.range(0, engines.size()).filter(i -> !dead.contains(i)).mapToObj(engines::get).toList();
            boolean kept = alive.get(ThreadLocalRandom.current().nextInt(alive.size())).callEvents
                    .record(ORG, io.batchcall.application.port.in.CallEvent.of(r.batchJobId(), r.contactId(), r.attempt(), "ended", outcome, null, 3, null, null).get())
                    .isRight();
            if (kept && outcome.equals("completed")) {
                conversed.add(r.phoneNumber()); // committed: from now on no engine may dial the number during a pause
            }
        }

        /** A killed instance's calls vanish: they leave the measure (the database still counts them until the deadline). */
        synchronized void kill(int instance) {
            dead.add(instance);
            for (var e : new ArrayList<>(inFlight.entrySet())) {
                if (dialedBy.get(e.getKey()).equals(String.valueOf(instance))) {
                    inFlight.remove(e.getKey());
                    perJob.get(e.getKey().substring(0, e.getKey().lastIndexOf("-c"))).decrementAndGet();
                    org.decrementAndGet();
                }
            }
        }
    }

    private record Cluster(List<Database> dbs, List<BatchCallEngine> engines, List<Thread> tickers, List<AtomicBoolean> running, CallFloor floor) {
        void stop(int i) throws InterruptedException {
            running.get(i).set(false);
            tickers.get(i).join();
        }

        void close() throws InterruptedException {
            for (int i = 0; i < tickers.size(); i++) {
                stop(i);
            }
            floor.callEnds.shutdownNow();
            dbs.forEach(Database::close);
        }
    }

    private Cluster cluster(String url, int instances, Duration deadline) {
        return cluster(url, instances, new EngineSettings(ORG_CAP, deadline, 60, 1_000_000));
    }

    private Cluster cluster(String url, int instances, EngineSettings settings) {
        CallFloor floor = new CallFloor();
        List<Database> dbs = new ArrayList<>();
        List<Thread> tickers = new ArrayList<>();
        List<AtomicBoolean> running = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            int instance = i;
            Database db = Database.open(url, "postgres", "postgres", 6);
            dbs.add(db);
            Dialer dialer = r -> {
                floor.dialed(instance, r);
                return CompletableFuture.completedFuture(DialResult.accepted());
            };
            floor.engines.add(new BatchCallEngine(new JdbcBatchJobs(db), dialer, REAL_TIME, () -> "bj_" + UUID.randomUUID().toString().replace("-", ""), settings));
        }
        for (int i = 0; i < instances; i++) {
            BatchCallEngine engine = floor.engines.get(i);
            AtomicBoolean on = new AtomicBoolean(true);
            running.add(on);
            Thread t = new Thread(() -> {
                while (on.get()) {
                    engine.dispatcher.tick();
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "engine-" + i);
            t.start();
            tickers.add(t);
        }
        return new Cluster(dbs, floor.engines, tickers, running, floor);
    }

    private static String createJob(BatchCallEngine engine, int contacts, int offset) {
        var command = new CreateBatchJobCommand(ORG, "Multi", null, "agent", "pn", JOB_LIMIT, 3, List.of("busy"), 0L, null, null);
        var rows = IntStream.rangeClosed(1, contacts).mapToObj(i -> new ContactRow(i, String.format("+1415%07d", offset + i), Map.of())).iterator();
        return io.batchcall.application.port.in.CreateJob.of(command).flatMap(cj -> engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(rows))).get().job().id();
    }

    private static void awaitCompleted(BatchCallEngine engine, List<String> jobs, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (jobs.stream().allMatch(id -> io.batchcall.application.port.in.DetailQuery.parse(ORG, id, null, null, null).flatMap(engine.detail::detail).get().view().job().status() == JobStatus.COMPLETED)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("jobs did not complete in " + timeout);
    }

    /** Per-status counts recounted from the contact rows, against the job's stored counters. */
    private static void assertRecountMatches(String url, List<String> jobs, int attempts) throws Exception {
        try (Database db = Database.open(url, "postgres", "postgres", 2); Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            Map<String, Map<String, Long>> recount = new HashMap<>();
            try (ResultSet rs = s.executeQuery("select job_id, status, count(*) from contact group by job_id, status")) {
                while (rs.next()) {
                    recount.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
                }
            }
            for (String id : jobs) {
                var breakdown = new JdbcBatchJobs(db).findById(id).get().breakdown();
                for (ContactStatus status : ContactStatus.values()) {
                    assertThat(breakdown.count(status)).as(id + " " + status)
                            .isEqualTo(recount.get(id).getOrDefault(status.wire(), 0L));
                }
            }
            try (ResultSet rs = s.executeQuery("select sum(attempt_count) from contact")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(attempts);
            }
        }
    }

    @Test
    void threeEnginesOnePostgresLimitsHoldAndNothingIsDialedTwice() throws Exception {
        String url = Postgres.freshDatabaseUrl();
        Cluster cluster = cluster(url, 3, Duration.ofMinutes(5));
        try {
            long started = System.nanoTime();
            List<String> jobs = List.of(createJob(cluster.engines().get(0), 1000, 0), createJob(cluster.engines().get(1), 1000, 1000));
            awaitCompleted(cluster.engines().get(2), jobs, Duration.ofSeconds(120));
            double seconds = (System.nanoTime() - started) / 1e9;
            CallFloor f = cluster.floor();
            System.out.printf("multi-instance (3 engines, 2 jobs x 1000 contacts, job limit %d, org cap %d): attempts=%d "
                            + "maxInFlightPerJob=%d maxInFlightOrg=%d duplicates=%d in %.1f s%n",
                    JOB_LIMIT, ORG_CAP, f.attempts.get(), f.maxJob.get(), f.maxOrg.get(), f.duplicates.get(), seconds);
            assertThat(f.duplicates.get()).isZero();
            assertThat(f.maxJob.get()).isLessThanOrEqualTo(JOB_LIMIT);
            assertThat(f.maxOrg.get()).isLessThanOrEqualTo(ORG_CAP);
            assertThat(f.attempts.get()).isGreaterThanOrEqualTo(2000);
            cluster.close();
            assertRecountMatches(url, jobs, f.attempts.get());
        } finally {
            cluster.close();
        }
    }

    /**
     * CONTRACT §14 across instances: three engines, two jobs sharing a pool of four caller ids at 2/s each, and an
     * organization rate of 6/s. Every dial is timestamped where it lands: in no one-second window more than a limit + 1,
     * per caller id and for the organization; every contact dialed once.
     */
    @Test
    void threeEnginesPaceTogetherPerCallerIdAndForTheOrganization() throws Exception {
        String url = Postgres.freshDatabaseUrl();
        EngineSettings settings = new EngineSettings(ORG_CAP, Duration.ofMinutes(5), 60, 1_000_000)
                .withPacing(io.vavr.control.Option.of(6.0), Duration.ofMillis(200));
        Cluster cluster = cluster(url, 3, settings);
        Map<String, List<Long>> landed = new ConcurrentHashMap<>();
        cluster.floor().landed = (r, nanos) -> landed.computeIfAbsent(r.fromPhoneNumberId(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(nanos);
        try {
            List<String> pool = List.of("pn-a", "pn-b", "pn-c", "pn-d");
            for (int i = 0; i < pool.size(); i++) {
                cluster.engines().get(i % 3).callerIds.register(io.batchcall.domain.caller.CallerId.of(ORG, pool.get(i), "+1415555010" + i, 2.0, null).get());
            }
            List<String> jobs = new ArrayList<>();
            for (int j = 0; j < 2; j++) {
                var command = new CreateBatchJobCommand(ORG, "Paced", null, "agent", null, 50, 1, List.of(), 0L, null, null, null, null,
                        pool, "round_robin", true);
                int offset = 5000 + j * 100;
                var rows = IntStream.rangeClosed(1, 36).mapToObj(i -> new ContactRow(i, String.format("+1212%07d", offset + i), Map.of())).iterator();
                BatchCallEngine engine = cluster.engines().get(j);
                jobs.add(io.batchcall.application.port.in.CreateJob.of(command)
                        .flatMap(cj -> engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(rows))).get().job().id());
            }
            awaitCompleted(cluster.engines().get(2), jobs, Duration.ofSeconds(90));
            CallFloor f = cluster.floor();
            List<Long> all = new ArrayList<>();
            StringBuilder report = new StringBuilder();
            for (String id : pool) {
                List<Long> times = new ArrayList<>(landed.getOrDefault(id, List.of()));
                all.addAll(times);
                int worst = worstSecond(times);
                report.append(String.format(" %s: %d dials, worst second %d;", id, times.size(), worst));
                assertThat(worst).as("dials of %s in one second (2/s + 1)", id).isLessThanOrEqualTo(3);
            }
            int orgWorst = worstSecond(all);
            System.out.printf("paced multi-instance (3 engines, 2 jobs x 36 contacts, pool of 4 at 2/s, org 6/s):%s org worst second %d, "
                    + "duplicates %d%n", report, orgWorst, f.duplicates.get());
            assertThat(orgWorst).as("organization's dials in one second (6/s + 1)").isLessThanOrEqualTo(7);
            assertThat(all).hasSize(72);
            assertThat(f.duplicates.get()).isZero();
        } finally {
            cluster.close();
        }
    }

    private static int worstSecond(List<Long> nanos) {
        List<Long> t = new ArrayList<>(nanos);
        t.sort(null);
        int worst = 0;
        for (int i = 0, j = 0; i < t.size(); i++) {
            while (j < t.size() && t.get(j) < t.get(i) + 1_000_000_000L) {
                j++;
            }
            worst = Math.max(worst, j - i);
        }
        return worst;
    }

    @Test
    void anInstanceKilledMidCampaignIsCoveredByTheSurvivors() throws Exception {
        String url = Postgres.freshDatabaseUrl();
        Cluster cluster = cluster(url, 3, Duration.ofSeconds(2));
        try {
            List<String> jobs = List.of(createJob(cluster.engines().get(0), 600, 0));
            while (cluster.floor().attempts.get() < 200) {
                Thread.sleep(5);
            }
            cluster.stop(2);
            cluster.floor().kill(2);
            awaitCompleted(cluster.engines().get(0), jobs, Duration.ofSeconds(120));
            var detail = io.batchcall.application.port.in.DetailQuery.parse(ORG, jobs.get(0), "failed", "1", "500").flatMap(cluster.engines().get(0).detail::detail).get();
            long orphans = detail.contacts().count(c -> c.failureReason().exists(r -> r.contains("outcome not reported")));
            System.out.printf("killed instance: attempts=%d orphaned attempts closed by the deadline=%d duplicates=%d%n",
                    cluster.floor().attempts.get(), orphans, cluster.floor().duplicates.get());
            assertThat(cluster.floor().duplicates.get()).isZero();
            assertThat(detail.view().progress().contactsProcessed()).isEqualTo(600);
            assertThat(cluster.floor().maxJob.get()).isLessThanOrEqualTo(JOB_LIMIT);
            cluster.close();
            assertRecountMatches(url, jobs, cluster.floor().attempts.get());
        } finally {
            cluster.close();
        }
    }

    @Test
    void theSameNumbersInTwoJobsAreNeverInTwoCallsAtOnceAndTheNumberCapHolds() throws Exception {
        String url = Postgres.freshDatabaseUrl();
        EngineSettings settings = new EngineSettings(ORG_CAP, Duration.ofMinutes(5), 60, 1_000_000)
                .withNumberAttemptCap(io.vavr.control.Option.of(io.batchcall.domain.contact.AttemptCap.parse("3/1d").get()));
        Cluster cluster = cluster(url, 3, settings);
        try {
            // two jobs of the same 300 numbers, created on two engines, dialed by three
            List<String> jobs = List.of(createJob(cluster.engines().get(0), 300, 0), createJob(cluster.engines().get(1), 300, 0));
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // each job retries busy up to 3 attempts: 6 dials per number wanted, the cap allows 3; the rest wait
            while (System.nanoTime() < end && cluster.floor().attempts.get() < 600) {
                Thread.sleep(20);
            }
            Thread.sleep(1000); // let any dial that should not happen, happen
            CallFloor f = cluster.floor();
            int mostDials = f.numberDials.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            System.out.printf("same numbers in two jobs on 3 engines: attempts=%d numberOverlaps=%d mostDialsOfOneNumber=%d (cap 3/1d)%n",
                    f.attempts.get(), f.numberOverlaps.get(), mostDials);
            assertThat(f.numberOverlaps.get()).as("a number in two calls at once").isZero();
            assertThat(mostDials).as("dials of one number within the cap's window").isLessThanOrEqualTo(3);
            assertThat(f.numberDials).hasSize(300);
            assertThat(f.duplicates.get()).isZero();
        } finally {
            cluster.close();
        }
    }

    /**
     * CONTRACT §17's conversation pause across instances: two jobs of the same 200 numbers, created on two engines, dialed
     * by three, under a pause of a day — once a call of a number completed (a conversation), no engine dials that number
     * again, in either job.
     */
    @Test
    void noEngineDialsANumberDuringItsConversationPause() throws Exception {
        String url = Postgres.freshDatabaseUrl();
        EngineSettings settings = new EngineSettings(ORG_CAP, Duration.ofMinutes(5), 60, 1_000_000)
                .withConversationPause(io.vavr.control.Option.of(Duration.ofDays(1)));
        Cluster cluster = cluster(url, 3, settings);
        try {
            List<String> jobs = List.of(createJob(cluster.engines().get(0), 200, 50_000), createJob(cluster.engines().get(1), 200, 50_000));
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            CallFloor f = cluster.floor();
            // until nothing is dialed for two seconds: every contact ended, or waits for its number's pause (a number both of
            // whose contacts ended without a conversation — no_answer is final here — never has one: about 1 in 40)
            int seen = -1;
            long quietSince = System.nanoTime();
            while (System.nanoTime() < end && System.nanoTime() - quietSince < Duration.ofSeconds(2).toNanos()) {
                if (f.attempts.get() != seen) {
                    seen = f.attempts.get();
                    quietSince = System.nanoTime();
                }
                Thread.sleep(20);
            }
            System.out.printf("conversation pause on 3 engines: attempts=%d numbers conversed=%d dials after a conversation=%d%n",
                    f.attempts.get(), f.conversed.size(), f.dialsAfterConversation.get());
            assertThat(f.conversed.size()).as("numbers that had a conversation (about 195 expected)").isGreaterThanOrEqualTo(150);
            assertThat(f.dialsAfterConversation.get()).as("dials of a number after its conversation").isZero();
            assertThat(f.duplicates.get()).isZero();
        } finally {
            cluster.close();
        }
    }
}
