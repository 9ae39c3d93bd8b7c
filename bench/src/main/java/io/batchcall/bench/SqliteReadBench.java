package io.batchcall.bench;

import io.batchcall.adapter.persistence.Database;
import io.batchcall.adapter.persistence.job.JdbcBatchJobs;
import io.batchcall.application.port.out.NewContact;
import io.batchcall.domain.contact.PhoneNumber;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.RetryPolicy;
import io.vavr.control.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * What reading one detail page of 50 contacts costs in the SQLite driver alone (issue 15's profile): a job of
 * {@code BENCH_CONTACTS} (200,000) made by the store itself, then pages of 50 read through JDBC with the store's
 * 15 columns, text read with {@code getString} (the driver's own decoding) against {@code getBytes} decoded in Java;
 * three rounds each, interleaved, after a warm-up.
 *
 * <pre>java -cp bench/target/batchcall-bench.jar io.batchcall.bench.SqliteReadBench</pre>
 */
public final class SqliteReadBench {

    private static final String SQL = "select job_id, seq, phone_number, contact_data, status, error_code, attempt_count, max_attempts, "
            + "last_attempt_at, next_retry_at, completed_at, room_name, failure_reason, call_duration, timezone "
            + "from contact where job_id = ? and seq > ? and seq <= ? order by seq";
    private static final int[] TEXT = {1, 3, 4, 5, 6, 12, 13, 15};
    private static final int[] NUMBERS = {2, 7, 8, 9, 10, 11, 14};

    public static void main(String[] args) throws Exception {
        int contacts = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONTACTS", "200000"));
        Path dir = Files.createTempDirectory("sqlite-read");
        try (Database db = Database.embedded(dir)) {
            BatchJob job = BatchJob.create("bj_read", "bench", "read", Option.none(), Option.none(), "pn", 5, RetryPolicy.DEFAULT,
                    Option.none(), Instant.now());
            new JdbcBatchJobs(db).create(job, LongStream.rangeClosed(1, contacts).mapToObj(i -> new NewContact(i,
                    new PhoneNumber(String.format("+1415%07d", i)), Map.<String, Object>of("name", "Contact " + i, "tier", "gold"),
                    Option.of("America/Los_Angeles"))).iterator());
            try (Connection c = db.dataSource().getConnection()) {
                for (boolean bytes : List.of(false, true)) {
                    pages(c, contacts, bytes, 5_000); // warm-up
                }
                for (int round = 1; round <= 3; round++) {
                    for (boolean bytes : List.of(false, true)) {
                        System.out.printf(Locale.ROOT, "round %d, text by %s: %.1f µs a page of 50%n", round, bytes ? "getBytes" : "getString",
                                pages(c, contacts, bytes, 10_000));
                    }
                }
            }
        }
        System.exit(0);
    }

    /** Reads {@code n} pages spread over the job; µs a page. */
    private static double pages(Connection c, int contacts, boolean bytes, int n) throws Exception {
        long sink = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long from = (i * 7919L) % Math.max(1, contacts - 50);
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setString(1, "bj_read");
                ps.setLong(2, from);
                ps.setLong(3, from + 50);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (int col : TEXT) {
                            String s = bytes ? decode(rs.getBytes(col)) : rs.getString(col);
                            sink += s == null ? 0 : s.length();
                        }
                        for (int col : NUMBERS) {
                            sink += rs.getLong(col);
                        }
                    }
                }
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
        return (System.nanoTime() - t0) / 1e3 / n;
    }

    private static String decode(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
