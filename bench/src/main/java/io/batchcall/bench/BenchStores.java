package io.batchcall.bench;

import io.batchcall.adapter.persistence.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a store-level measurement on the embedded store and on a PostgreSQL started for it (BENCH_SKIP_EMBEDDED,
 * BENCH_SKIP_PG leave one out), then prints the rows it reported as one Markdown table.
 */
final class BenchStores {

    /** One measurement on one store; it reports its rows ({@code | store | what | figure | note |}) to {@code rows}. */
    interface Measure {
        void on(String store, Database db, List<String> rows) throws Exception;
    }

    private BenchStores() {
    }

    static void run(String name, Measure measure) throws Exception {
        List<String> rows = new ArrayList<>();
        if (System.getenv("BENCH_SKIP_EMBEDDED") == null) {
            try (Database db = Database.embedded(Files.createTempDirectory("batchcall-" + name).resolve("embedded"))) {
                measure.on("embedded (SQLite)", db, rows);
            }
        }
        if (System.getenv("BENCH_SKIP_PG") == null) {
            try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                 Database db = Database.open(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", 4)) {
                measure.on("PostgreSQL", db, rows);
            }
        }
        System.out.println();
        System.out.println("| store | what | figure | note |");
        System.out.println("|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** Adds a row and prints it at once, tagged (a long run shows its figures as they come). */
    static void row(List<String> rows, String tag, String store, String what, String figure, String note) {
        String line = "| " + store + " | " + what + " | " + figure + " | " + note + " |";
        rows.add(line);
        System.out.println("[" + tag + "] " + line);
    }
}
