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
import io.batchcall.domain.window.CallingRules;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * CONTRACT §17's figure for rule packs (issue 30): claims of a 1M-contact job spread over 50 US states under a 50-region
 * pack (every rule open: what is measured is the cost of deciding, not of waiting) against the same job with no pack, each
 * claimed by its own engine over one store, in {@link ClaimRounds}' interleaved rounds; embedded and PostgreSQL.
 *
 * <pre>java -cp bench/target/batchcall-bench.jar io.batchcall.bench.RulesBench</pre>
 * Knobs: BENCH_CONTACTS (1000000), BENCH_CLAIM_ROUNDS (7), BENCH_SKIP_PG, BENCH_SKIP_EMBEDDED.
 */
public final class RulesBench {

    private final int contacts = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONTACTS", "1000000"));
    private final int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_CLAIM_ROUNDS", "7"));
    /** One area code per state: the first of each of 50 states in the bundled NANP table. */
    private final List<String> areaCodes = new ArrayList<>();
    private final List<String> states = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        new RulesBench().run();
    }

    private void run() throws Exception {
        Map<String, String> firstCode = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                CallingRules.class.getResourceAsStream("nanp-area-codes.txt"), StandardCharsets.UTF_8))) {
            in.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.trim().split("\\s+"))
                    .forEach(p -> firstCode.putIfAbsent(p[1], p[0]));
        }
        firstCode.entrySet().stream().filter(e -> !e.getKey().equals("US-DC") && e.getKey().length() == 5).limit(50).forEach(e -> {
            states.add(e.getKey());
            areaCodes.add(e.getValue());
        });
        BenchStores.run("rules-bench", this::measure);
    }

    private void measure(String store, Database db, List<String> rows) {
        List<CallingRules.Rule> pack = new ArrayList<>();
        Map<String, String> open = new LinkedHashMap<>();
        for (String d : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
            open.put(d, "00:00-24:00");
        }
        for (String state : states) {
            pack.add(CallingRules.rule(state, open, List.of("2026-12-25"), "2020-01-01", "bench").get());
        }
        ManualTimeSource clock = new ManualTimeSource(Instant.parse("2026-06-01T17:00:00Z"));
        JdbcBatchJobs jobs = new JdbcBatchJobs(db);
        AtomicLong ids = new AtomicLong();
        EngineSettings base = EngineSettings.DEFAULTS.withOrganizationConcurrency(1000);
        ClaimRounds.Floor ruledFloor = new ClaimRounds.Floor();
        ClaimRounds.Floor plainFloor = new ClaimRounds.Floor();
        BatchCallEngine ruled = new BatchCallEngine(jobs, ruledFloor, clock, () -> "bj_rules" + ids.incrementAndGet(),
                base.withCallingRules(CallingRules.of(pack)));
        BatchCallEngine plain = new BatchCallEngine(jobs, plainFloor, clock, () -> "bj_plain" + ids.incrementAndGet(), base);
        String plainJob = create(plain, "org-p");
        String ruledJob = create(ruled, "org-r");
        ruled.dispatcher.tick(); // starts both jobs (round 0, dropped, warms both engines)
        ClaimRounds.endAll(ruled, ruledFloor, ruledJob);
        int perRound = Math.max(1000, Math.min(100_000, contacts / 2) / rounds);
        ClaimRounds.Result claims = ClaimRounds.compare(ruled, ruledFloor, new ClaimRounds.Job("org-r", ruledJob), plain, plainFloor,
                new ClaimRounds.Job("org-p", plainJob), rounds, perRound);
        BenchStores.row(rows, "rules", store, "claim rate, " + contacts + " contacts over " + states.size() + " states, a " + pack.size()
                + "-region pack (all open) / no pack, " + (rounds - 1) + " interleaved rounds of " + perRound + " attempts, job limit 1000",
                String.format(Locale.ROOT, "median %.0f %%", 100 * claims.median()), claims.note());
    }

    private String create(BatchCallEngine engine, String org) {
        var command = new CreateBatchJobCommand(org, "rules bench", null, null, "pn", 1000, 1, List.of(), 0L, null, null, null);
        return CreateJob.of(command).flatMap(cj -> engine.create.create(cj, ContactRows.of(IntStream.range(0, contacts)
                .mapToObj(i -> new ContactRow(i + 1, "+1" + areaCodes.get(i % areaCodes.size()) + String.format("%07d", 2_000_000 + i / areaCodes.size()),
                        Map.<String, Object>of())).iterator()))).get().job().id();
    }
}
