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

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * CONTRACT §17's figure for consents (issue 30): the create of a 1M-contact job with {@code requireConsent} against an
 * organization holding 10M consent records (the job's numbers among them, one in ten revoked), against the same create
 * without {@code requireConsent}; embedded and PostgreSQL. Creates alternate, twice each.
 *
 * <pre>java -cp bench/target/batchcall-bench.jar io.batchcall.bench.ConsentBench</pre>
 * Knobs: BENCH_CONTACTS (1000000), BENCH_CONSENTS (10000000), BENCH_SKIP_PG, BENCH_SKIP_EMBEDDED.
 */
public final class ConsentBench {

    private final int contacts = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONTACTS", "1000000"));
    private final long consents = Long.parseLong(System.getenv().getOrDefault("BENCH_CONSENTS", "10000000"));

    public static void main(String[] args) throws Exception {
        new ConsentBench().run();
    }

    private void run() throws Exception {
        BenchStores.run("consent-bench", (store, db, rows) -> measure(store, db, db.sql().isSqlite()
                ? "with recursive s(v) as (select 1 union all select v + 1 from s where v < ?) "
                + "insert into consent select 'org-c', '+1' || (2000000000 + v), 1, 'bench', 0, null, 0, "
                + "case when v % 10 = 0 then 1 else null end from s"
                : "insert into consent select 'org-c', '+1' || (2000000000 + g), 1, 'bench', 0, null, 0, "
                + "case when g % 10 = 0 then 1 else null end from generate_series(1, ?) g", rows));
    }

    private void measure(String store, Database db, String fill, List<String> rows) throws Exception {
        long t = System.nanoTime();
        try (Connection c = db.dataSource().getConnection(); var ps = c.prepareStatement(fill)) {
            ps.setLong(1, consents);
            ps.executeUpdate();
        }
        double filled = (System.nanoTime() - t) / 1e9;
        AtomicLong ids = new AtomicLong();
        BatchCallEngine engine = new BatchCallEngine(new JdbcBatchJobs(db), new ClaimRounds.Floor(),
                new ManualTimeSource(Instant.parse("2026-06-01T17:00:00Z")), () -> "bj_consent" + ids.incrementAndGet(), EngineSettings.DEFAULTS);
        List<Double> with = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        long kept = 0;
        for (int run = 0; run < 4; run++) {
            boolean require = run % 2 == 1;
            long t0 = System.nanoTime();
            var created = create(engine, require);
            (require ? with : without).add((System.nanoTime() - t0) / 1e9);
            if (require) {
                kept = created;
            }
        }
        double w = with.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double wo = without.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        BenchStores.row(rows, "consent", store, String.format(Locale.ROOT, "create %d contacts with requireConsent against %d consent records / without",
                contacts, consents), String.format(Locale.ROOT, "%.2f×", w / wo), String.format(Locale.ROOT,
                "%s s against %s s (alternating, without first); %d kept (the revoked tenth skipped as no_consent); records filled in %.0f s",
                with, without, kept, filled));
    }

    private long create(BatchCallEngine engine, boolean requireConsent) {
        var command = new CreateBatchJobCommand("org-c", "consent bench", null, null, "pn", 1000, 1, List.of(), 0L, "2099-01-01T00:00:00Z",
                null, null, null, null, null, null, null, null, null, null, null, requireConsent);
        return CreateJob.of(command).flatMap(cj -> engine.create.create(cj, ContactRows.of(IntStream.range(0, contacts)
                .mapToObj(i -> new ContactRow(i + 1, "+1" + (2000000001L + i * 7L), Map.<String, Object>of())).iterator())))
                .get().totalContacts();
    }
}
