package io.batchcall.bench;

import io.batchcall.adapter.persistence.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 15's storage-layout question, answered by loading jobs of 1M contact rows one after the other into the same
 * contact table, in variants side by side: the job id as text ({@code bj_} + 24 hex digits, in every row and every
 * index) with ids in random order (as they were made before) and in creation order (as they are now), a numeric job
 * key (a bigint, ascending), and what each secondary index costs a load (text ids in order with the primary key only,
 * and with the status index; all variants above have the status and the waiting-zone index, as today). PostgreSQL is
 * loaded with COPY (as the server imports), SQLite with batched inserts in transactions of 20,000 rows (as the server
 * does; the SQLite loads include making each row's text in the timed loop, in-process like the server's, the same for every
 * variant). Every load is printed, then a table with the loads of each variant and the sizes after its last load.
 *
 * <pre>java -cp bench/target/batchcall-bench.jar io.batchcall.bench.LayoutBench</pre>
 * Knobs: BENCH_CONTACTS (1000000 per job), BENCH_JOBS (4), BENCH_RUNS (2), BENCH_SKIP_PG, BENCH_SKIP_EMBEDDED.
 */
public final class LayoutBench {

    private final int contacts = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONTACTS", "1000000"));
    private final int jobs = Integer.parseInt(System.getenv().getOrDefault("BENCH_JOBS", "4"));
    private final int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "2"));

    /** How a variant keys its jobs. */
    private enum Keys { RANDOM_TEXT, ORDERED_TEXT, NUMERIC }

    /** A variant of the contact table: its job key and its secondary indexes. */
    private record Layout(String name, Keys keys, boolean statusIndex, boolean zoneIndex) {
        String key() {
            return keys == Keys.NUMERIC ? "job_key" : "job_id";
        }

        /** The key of the n-th job loaded (from 0): text ids like the server's, random or in creation order. */
        String keyOf(int n, java.util.SplittableRandom random) {
            return switch (keys) {
                case NUMERIC -> Long.toString(n + 1);
                case ORDERED_TEXT -> "bj_" + String.format(Locale.ROOT, "%012x%012x", 1_790_000_000_000L + 60_000L * n, random.nextLong() >>> 16);
                case RANDOM_TEXT -> "bj_" + String.format(Locale.ROOT, "%012x%012x", random.nextLong() >>> 16, random.nextLong() >>> 16);
            };
        }
    }

    private static final List<Layout> LAYOUTS = List.of(
            new Layout("text job id, random order (before), all indexes", Keys.RANDOM_TEXT, true, true),
            new Layout("text job id, creation order (now), all indexes", Keys.ORDERED_TEXT, true, true),
            new Layout("numeric job key, all indexes", Keys.NUMERIC, true, true),
            new Layout("text job id, creation order, primary key only", Keys.ORDERED_TEXT, false, false),
            new Layout("text job id, creation order, primary key + status index", Keys.ORDERED_TEXT, true, false));

    private final Map<String, List<Double>> seconds = new LinkedHashMap<>();
    private final Map<String, String> sizes = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        new LayoutBench().run();
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("batchcall-layout-bench");
        if (System.getenv("BENCH_SKIP_EMBEDDED") == null) {
            for (int r = 1; r <= runs; r++) {
                for (Layout layout : LAYOUTS) {
                    Path dir = work.resolve("sqlite-" + r + "-" + LAYOUTS.indexOf(layout));
                    try (Database db = Database.embedded(dir)) {
                        sqlite(db, layout, r);
                    }
                    BenchMain.deleteRecursively(dir);
                }
            }
        }
        if (System.getenv("BENCH_SKIP_PG") == null) {
            try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
                for (int r = 1; r <= runs; r++) {
                    for (Layout layout : LAYOUTS) {
                        postgres(pg, layout, r);
                    }
                }
            }
        }
        System.out.println();
        System.out.println("| store | layout | loads of " + contacts + " rows, job 1 … " + jobs + " into the same table; runs separated by ; "
                + "| size after the last load |");
        System.out.println("|---|---|---|---|");
        for (var e : seconds.entrySet()) {
            String[] parts = e.getKey().split("\\|");
            List<String> loads = e.getValue().stream().map(s -> String.format(Locale.ROOT, "%.1f", s)).toList();
            List<String> byRun = new ArrayList<>();
            for (int from = 0; from < loads.size(); from += jobs) {
                byRun.add(String.join(" / ", loads.subList(from, Math.min(loads.size(), from + jobs))));
            }
            System.out.println("| " + parts[0] + " | " + parts[1] + " | " + String.join("; ", byRun) + " s | " + sizes.getOrDefault(e.getKey(), "") + " |");
        }
    }

    private static String ddl(Layout layout, String keyType, String seqType, String textType, String tableSuffix) {
        return "create table contact_x (" + layout.key() + " " + (layout.keys() == Keys.NUMERIC ? "bigint" : keyType) + " not null, seq " + seqType
                + " not null, phone_number " + textType + " not null, contact_data " + textType + ", status " + textType + " not null, "
                + "error_code " + textType + ", attempt_count integer not null, max_attempts integer not null, last_attempt_at bigint, "
                + "next_retry_at bigint, completed_at bigint, room_name " + textType + ", failure_reason " + textType
                + ", call_duration integer, timezone " + textType + ", primary key (" + layout.key() + ", seq))" + tableSuffix;
    }

    private static List<String> indexes(Layout layout, String zoneWhere) {
        List<String> out = new ArrayList<>();
        if (layout.statusIndex()) {
            out.add("create index contact_x_status on contact_x (" + layout.key() + ", status, seq)");
        }
        if (layout.zoneIndex()) {
            out.add("create index contact_x_zone on contact_x (" + layout.key() + ", status, timezone, seq)" + zoneWhere);
        }
        return out;
    }

    private String data(int i) {
        return "{\"name\":\"Contact " + i + "\",\"tier\":\"" + (i % 3 == 0 ? "gold" : "silver") + "\",\"note\":\"Customer since 20"
                + (10 + i % 15) + ", renewal due\"}";
    }

    // ---------------------------------------------------------------- SQLite

    private void sqlite(Database db, Layout layout, int run) throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(run);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(ddl(layout, "text", "integer", "text", " without rowid"));
            for (String index : indexes(layout, "")) {
                s.execute(index);
            }
            long before = pages(c);
            for (int job = 0; job < jobs; job++) {
                String key = layout.keyOf(job, random);
                c.setAutoCommit(false);
                long t = System.nanoTime();
                try (PreparedStatement ps = c.prepareStatement("insert into contact_x (" + layout.key() + ", seq, phone_number, contact_data, "
                        + "status, attempt_count, max_attempts, timezone) values (?, ?, ?, ?, 'pending', 0, 3, ?)")) {
                    for (int i = 1; i <= contacts; i++) {
                        if (layout.keys() == Keys.NUMERIC) {
                            ps.setLong(1, Long.parseLong(key));
                        } else {
                            ps.setString(1, key);
                        }
                        ps.setLong(2, i);
                        ps.setString(3, String.format(Locale.ROOT, "+1415%07d", i));
                        ps.setString(4, data(i));
                        ps.setString(5, "America/Los_Angeles");
                        ps.addBatch();
                        if (i % 1000 == 0) {
                            ps.executeBatch();
                        }
                        if (i % 20_000 == 0) {
                            c.commit();
                        }
                    }
                    ps.executeBatch();
                    c.commit();
                }
                record("embedded (SQLite)", layout, run, job, (System.nanoTime() - t) / 1e9);
                c.setAutoCommit(true);
            }
            sizes.put("embedded (SQLite)|" + layout.name(), String.format(Locale.ROOT, "%.0f MB (table and its indexes)", (pages(c) - before) / 1e6));
        }
    }

    private static long pages(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet a = s.executeQuery("pragma page_count")) {
            a.next();
            long count = a.getLong(1);
            try (ResultSet b = s.executeQuery("pragma page_size")) {
                b.next();
                return count * b.getLong(1);
            }
        }
    }

    // ---------------------------------------------------------------- PostgreSQL

    private void postgres(EmbeddedPostgres pg, Layout layout, int run) throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(run);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("drop table if exists contact_x");
            s.execute("checkpoint");
            s.execute(ddl(layout, "varchar(100)", "bigint", "varchar(1000)", ""));
            for (String index : indexes(layout, " where status in ('pending', 'queued')")) {
                s.execute(index);
            }
            for (int job = 0; job < jobs; job++) {
                String key = layout.keyOf(job, random);
                StringBuilder text = new StringBuilder(contacts * 130);
                for (int i = 1; i <= contacts; i++) {
                    text.append(key).append('\t').append(i).append('\t').append(String.format(Locale.ROOT, "+1415%07d", i)).append('\t')
                            .append(data(i)).append("\tpending\t0\t3\tAmerica/Los_Angeles\n");
                }
                byte[] rows = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                text = null;
                c.setAutoCommit(false);
                long t = System.nanoTime();
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY contact_x (" + layout.key() + ", seq, phone_number, contact_data, status, "
                        + "attempt_count, max_attempts, timezone) FROM STDIN", new java.io.ByteArrayInputStream(rows), 1 << 20);
                c.commit();
                record("PostgreSQL", layout, run, job, (System.nanoTime() - t) / 1e9);
                c.setAutoCommit(true);
            }
            StringBuilder size = new StringBuilder();
            try (ResultSet r = s.executeQuery("select relname, pg_relation_size(oid) from pg_class where relname like 'contact_x%' order by relname")) {
                while (r.next()) {
                    size.append(size.length() == 0 ? "" : ", ").append(r.getString(1).equals("contact_x") ? "table" : r.getString(1).replace("contact_x_", ""))
                            .append(String.format(Locale.ROOT, " %.0f MB", r.getLong(2) / 1e6));
                }
            }
            sizes.put("PostgreSQL|" + layout.name(), size.toString().replace("pkey", "primary key"));
        }
    }

    private void record(String store, Layout layout, int run, int job, double s) {
        seconds.computeIfAbsent(store + "|" + layout.name(), k -> new ArrayList<>()).add(s);
        System.out.printf(Locale.ROOT, "%s, %s, run %d, job %d: %.2f s%n", store, layout.name(), run, job + 1, s);
    }
}
