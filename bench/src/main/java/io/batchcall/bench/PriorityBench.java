package io.batchcall.bench;

import io.batchcall.adapter.persistence.Database;
import io.batchcall.adapter.persistence.job.JdbcBatchJobs;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.memory.ManualTimeSource;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.ContactRows;
import io.batchcall.application.port.in.CreateBatchJobCommand;
import io.batchcall.application.port.in.CreateJob;
import io.batchcall.application.service.EngineSettings;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * CONTRACT §16's figure for priorities (issue 29): claims at 1M contacts whose priorities are spread over −99…99 against
 * the same job with none (all 0), embedded and on PostgreSQL, in {@link ClaimRounds}' interleaved rounds; and the create
 * of each.
 *
 * <pre>java -cp bench/target/batchcall-bench.jar io.batchcall.bench.PriorityBench</pre>
 * Knobs: BENCH_CONTACTS (1000000), BENCH_CLAIM_ROUNDS (7), BENCH_SKIP_PG, BENCH_SKIP_EMBEDDED, BENCH_PAUSE (1: the store records
 * each number's latest conversation, as a server with a conversation pause does; ADR 15).
 */
public final class PriorityBench {

    private final int contacts = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONTACTS", "1000000"));
    private final int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_CLAIM_ROUNDS", "7"));

    public static void main(String[] args) throws Exception {
        new PriorityBench().run();
    }

    private void run() throws Exception {
        BenchStores.run("priority-bench", this::measure);
    }

    private void measure(String store, Database db, List<String> rows) {
        ManualTimeSource clock = new ManualTimeSource(Instant.parse("2026-06-01T17:00:00Z"));
        ClaimRounds.Floor floor = new ClaimRounds.Floor();
        AtomicLong ids = new AtomicLong();
        // as the server runs without BATCHCALL_CONVERSATION_PAUSE: no number conversations recorded (ADR 15); BENCH_PAUSE=1 records them
        boolean pause = "1".equals(System.getenv("BENCH_PAUSE"));
        BatchCallEngine engine = new BatchCallEngine(new JdbcBatchJobs(db, Instant::now, pause), floor, clock, () -> "bj_prio" + ids.incrementAndGet(),
                EngineSettings.DEFAULTS.withOrganizationConcurrency(1000));
        long t0 = System.nanoTime();
        String plain = create(engine, "org-p", false);
        double plainSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        String ranked = create(engine, "org-r", true);
        double rankedSeconds = (System.nanoTime() - t1) / 1e9;
BenchStores.row(rows, "priority", store, "create " + contacts + " contacts, priorities spread over −99…99 / all 0",
                String.format(Locale.ROOT, "%.1f s / %.1f s", rankedSeconds, plainSeconds), "one run each, the plain job first");
        engine.dispatcher.tick(); // starts both
        ClaimRounds.endAll(engine, floor, plain);
        int perRound = Math.max(1000, Math.min(100_000, contacts / 2) / rounds);
        ClaimRounds.Result claims = ClaimRounds.compare(engine, floor, new ClaimRounds.Job("org-r", ranked), new ClaimRounds.Job("org-p", plain),
                rounds, perRound);
        BenchStores.row(rows, "priority", store, "claim rate, priorities spread over −99…99 / all 0, " + (rounds - 1) + " interleaved rounds of " + perRound
                + " attempts, job limit 1000", String.format(Locale.ROOT, "median %.0f %%", 100 * claims.median()), claims.note());
    }

    private String create(BatchCallEngine engine, String org, boolean priorities) {
        var command = new CreateBatchJobCommand(org, "priority bench", null, null, "pn", 1000, 1, List.of(), 0L, null, null, null);
        return CreateJob.of(command).flatMap(cj -> engine.create.create(cj, ContactRows.of(rows(priorities)))).get().job().id();
    }

    /** The same numbers for both jobs; priorities by a fixed stride, so every value of −99…99 comes up evenly. */
    private Iterator<ContactRow> rows(boolean priorities) {
        return IntStream.range(0, contacts).mapToObj(i -> new ContactRow(i + 1, "+1646" + String.format("%07d", i),
                priorities ? Map.<String, Object>of("priority", (int) ((i * 7919L) % 199) - 99) : Map.<String, Object>of())).iterator();
    }
}
