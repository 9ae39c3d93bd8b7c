package io.batchcall.bench;

import io.batchcall.adapter.persistence.Database;
import io.batchcall.adapter.persistence.job.JdbcBatchJobs;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.memory.ManualTimeSource;
import io.batchcall.application.port.in.CallEvent;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJobCommand;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.port.out.DialResult;
import io.batchcall.application.port.out.Dialer;
import io.batchcall.application.service.EngineSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The figures of CONTRACT §10–§11 on the store itself (no HTTP, a manual clock), embedded and on
 * PostgreSQL: a dispatcher pass over a 1M-contact job whose four US zones are all closed; the claim
 * rate with the window open against the same job without a window; a 1M-contact create against a
 * 1M-number suppression list against the same create without it; the plan of the suppression lookup
 * with 10M numbers on the list.
 *
 * <pre>java -cp bench/target/batchcall-bench.jar io.batchcall.bench.ComplianceBench</pre>
 * Knobs: BENCH_CONTACTS (1000000), BENCH_SUPPRESSED (1000000), BENCH_PLAN_ROWS (10000000), BENCH_SKIP_PG, BENCH_SKIP_EMBEDDED.
 */
public final class ComplianceBench {

    private static final String[] US = {"+1212", "+1312", "+1303", "+1415"}; // New York, Chicago, Denver, Los Angeles
    private final int contacts = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONTACTS", "1000000"));
    private final int suppressed = Integer.parseInt(System.getenv().getOrDefault("BENCH_SUPPRESSED", "1000000"));
    private final long planRows = Long.parseLong(System.getenv().getOrDefault("BENCH_PLAN_ROWS", "10000000"));
    private final List<String[]> rows = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        new ComplianceBench().run();
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("batchcall-compliance-bench");
        if (System.getenv("BENCH_SKIP_EMBEDDED") == null) try (Database db = Database.embedded(work.resolve("embedded"))) {
            measure("embedded (SQLite)", db);
            plan("embedded (SQLite)", db, "explain query plan select phone_number from suppression where organization_id = 'plan' and phone_number in ('+12125550100', '+13125550100')",
                    "with recursive s(v) as (select 1 union all select v + 1 from s where v < ?) "
                            + "insert into suppression select 'plan', '+1' || (2000000000 + v), null, 0 from s");
        } catch (Exception e) {
            System.err.println("embedded part failed: " + e);
            throw e;
        }
        if (System.getenv("BENCH_SKIP_PG") == null) {
            try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                 Database db = Database.open(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", 4)) {
                measure("PostgreSQL", db);
                plan("PostgreSQL", db, "explain select phone_number from suppression where organization_id = 'plan' and phone_number in ('+12125550100', '+13125550100')",
                        "insert into suppression select 'plan', '+1' || (2000000000 + g), null, 0 from generate_series(1, ?) g");
            }
        }
        System.out.println();
        System.out.println("| store | what | figure | note |");
        System.out.println("|---|---|---|---|");
        for (String[] r : rows) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
    }

    private void row(String store, String what, String figure, String note) {
        rows.add(new String[] {store, what, figure, note});
        System.out.println("[compliance] " + store + " | " + what + " | " + figure + " | " + note);
    }

    private void measure(String store, Database db) throws Exception {
        JdbcBatchJobs jobs = new JdbcBatchJobs(db);
        // Monday 2026-06-01 07:00 UTC: 03:00 in New York … 00:00 in Los Angeles: every US zone is closed
        ManualTimeSource clock = new ManualTimeSource(Instant.parse("2026-06-01T07:00:00Z"));
        ClaimRounds.Floor floor = new ClaimRounds.Floor();
        AtomicLong ids = new AtomicLong();
        EngineSettings settings = EngineSettings.DEFAULTS.withOrganizationConcurrency(1000);
        BatchCallEngine engine = new BatchCallEngine(jobs, floor, clock, () -> "bj_bench" + ids.incrementAndGet(), settings);
        var window = new CreateBatchJobCommand.CallingWindowInput("09:00", "20:00", null, null);

        long t0 = System.nanoTime();
        String windowed = io.batchcall.application.port.in.CreateJob.of(command("org-w", window)).flatMap(cj -> engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(numbers()))).get().job().id();
        row(store, "create " + contacts + " contacts over 4 US zones, window 09:00–20:00", seconds(t0), "no suppression list");
        // passes with nothing callable
        engine.dispatcher.tick(); // starts the job
        long passes = 200;
        long t1 = System.nanoTime();
        for (int i = 0; i < passes; i++) {
            engine.dispatcher.tick();
        }
        double perPass = (System.nanoTime() - t1) / 1e6 / passes;
        List<DialRequest> leaked = floor.drain().stream().filter(r -> r.batchJobId().equals(windowed)).toList();
        row(store, "dispatcher pass, " + contacts + "-contact running job, every zone closed",
                String.format(Locale.ROOT, "%.2f ms/pass", perPass), passes + " passes; dials of the closed job: " + leaked.size());

        String plain = io.batchcall.application.port.in.CreateJob.of(command("org-p", null)).flatMap(cj -> engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(numbers()))).get().job().id();
        // claim rate: open window against no window, the same number of attempts each
        clock.set(Instant.parse("2026-06-01T17:00:00Z")); // 13:00 in New York, 10:00 in Los Angeles: all open
        int attempts = Math.min(100_000, contacts / 2);
        engine.dispatcher.tick(); // starts the plain job; each job is then measured alone, the other paused
        ClaimRounds.endAll(engine, floor, plain);
        int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_CLAIM_ROUNDS", "7"));
        int perRound = Math.max(1000, attempts / rounds);
        ClaimRounds.Result claims = ClaimRounds.compare(engine, floor, new ClaimRounds.Job("org-w", windowed), new ClaimRounds.Job("org-p", plain),
                rounds, perRound);
        row(store, "claim rate with the window open (4 zone groups) / without, " + (rounds - 1) + " interleaved rounds of " + perRound
                        + " attempts each, job limit 1000",
                String.format(Locale.ROOT, "median %.0f %%", 100 * claims.median()), claims.note());

        // create against a 1M-number suppression list (10 % of the job's numbers on it)
        List<String> list = new ArrayList<>(suppressed);
        for (int i = 0; i < suppressed; i++) {
            list.add(i % 10 == 0 ? phone(i) : "+1646" + String.format("%07d", i % 10_000_000));
        }
        for (int i = 0; i < list.size(); i += 10_000) {
            jobs.suppress("org-s", list.subList(i, Math.min(list.size(), i + 10_000)), io.vavr.control.Option.none(), clock.now());
        }
        long t2 = System.nanoTime();
        var listed = io.batchcall.application.port.in.CreateJob.of(command("org-s", null)).flatMap(cj -> engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(numbers()))).get();
        double withList = (System.nanoTime() - t2) / 1e9;
        long t3 = System.nanoTime();
        io.batchcall.application.port.in.CreateJob.of(command("org-n", null)).flatMap(cj -> engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(numbers()))).get();
        double withoutList = (System.nanoTime() - t3) / 1e9;
        row(store, "create " + contacts + " contacts against a " + suppressed + "-number suppression list",
                String.format(Locale.ROOT, "%.1f s", withList), String.format(Locale.ROOT, "%.2f× the same create without a list (%.1f s); %d skipped as suppressed",
                        withList / withoutList, withoutList, listed.skippedCount()));
    }

    private void plan(String store, Database db, String explain, String fill) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            long t = System.nanoTime();
            try (var ps = c.prepareStatement(fill)) {
                ps.setLong(1, planRows);
                ps.executeUpdate();
            }
            double s = (System.nanoTime() - t) / 1e9;
            StringBuilder plan = new StringBuilder();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(explain)) {
                int cols = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    plan.append(plan.length() > 0 ? " / " : "").append(rs.getString(cols).trim());
                }
            }
            long t2 = System.nanoTime();
            int lookups = 10_000;
            try (var ps = c.prepareStatement("select phone_number from suppression where organization_id = 'plan' and phone_number = ?")) {
                for (int i = 0; i < lookups; i++) {
                    ps.setString(1, "+1" + (2000000000L + 1 + (i * 997L) % planRows));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                    }
                }
            }
            double perLookup = (System.nanoTime() - t2) / 1e3 / lookups;
            row(store, "suppression lookup plan with " + planRows + " numbers in one organization", plan.toString().replace("|", "/"),
                    String.format(Locale.ROOT, "%.1f µs per lookup (%d lookups); list filled in %.0f s", perLookup, lookups, s));
        }
    }

    private CreateBatchJobCommand command(String org, CreateBatchJobCommand.CallingWindowInput window) {
        return new CreateBatchJobCommand(org, "compliance bench", null, null, "pn", 1000, 1, List.of(), 0L, null, null, window);
    }

    private static String phone(int i) {
        return US[i % US.length] + String.format("%07d", i / US.length);
    }

    private Iterator<ContactRow> numbers() {
        return IntStream.range(0, contacts).mapToObj(i -> new ContactRow(i + 1, phone(i), Map.of())).iterator();
    }

    private static String seconds(long since) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - since) / 1e9);
    }
}
