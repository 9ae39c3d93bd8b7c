package io.batchcall.adapter.persistence.job;

import io.batchcall.adapter.persistence.Database;

import io.batchcall.application.port.out.NewContact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.PhoneNumber;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.RetryPolicy;
import io.batchcall.domain.paging.ContactQuery;
import io.batchcall.domain.paging.PageRequest;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the embedded store promises of imports: chunks that leave the writer free, and no trace of an interrupted one. */
class EmbeddedImportTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    @TempDir
    Path dir;

    private static BatchJob job(String id) {
        return BatchJob.create(id, "org", "Campaign", Option.none(), Option.none(), "pn-1", 5,
                RetryPolicy.of(2, List.of(ContactStatus.BUSY), 60).get(), Option.none(), T0);
    }

    private static Iterator<NewContact> contacts(long n) {
        return LongStream.rangeClosed(1, n).mapToObj(i -> new NewContact(i, new PhoneNumber("+1415" + String.format("%07d", i)),
                Map.<String, Object>of("name", "C" + i))).iterator();
    }

    @Test
    @Timeout(60)
    void aCallEventIsRecordedWhileALargeImportIsUnderWay() throws Exception {
        try (Database db = Database.embedded(dir)) {
            JdbcBatchJobs store = new JdbcBatchJobs(db);
            BatchJob small = job("bj_small");
            store.create(small, contacts(3));
            EventBetweenChunks between = new EventBetweenChunks();
            Iterator<NewContact> watching = watched(contacts(3 * ContactImport.CHUNK), n -> {
                if (n == ContactImport.CHUNK + 10) {
                    between.start(); // inside the second chunk: the event starts waiting for the writer now
                } else if (n == 2L * ContactImport.CHUNK + 10) {
                    // inside the third chunk: the event must have been written between chunks two and three
                    // (an import holding the writer throughout would wait here in vain)
                    between.awaitWritten();
                }
            });
            BatchJob bigJob = job("bj_big");
            CompletableFuture<Long> importing = CompletableFuture.supplyAsync(() -> store.create(bigJob, watching));
            between.awaitStart();
            assertThat(store.findById(bigJob.id())).isEmpty(); // invisible until its last chunk commits
            CompletableFuture<Object> event = between.send(store, small.id());
            assertThat(importing.get(60, TimeUnit.SECONDS)).isEqualTo(3L * ContactImport.CHUNK);
            assertThat(between.gotThrough()).as("the event was written while the import was still under way").isTrue();
            assertThat(event.get(30, TimeUnit.SECONDS)).isNotNull();
            assertThat(store.contact(small.id(), 1).get().status()).isEqualTo(ContactStatus.DIALING);
            assertThat(store.findById(bigJob.id()).get().breakdown().count(ContactStatus.PENDING)).isEqualTo(3L * ContactImport.CHUNK);
        }
    }

    @Test
    @Timeout(60)
    void anAddToARunningJobLetsACallEventThroughAndIsUnseenUntilWhole() throws Exception {
        try (Database db = Database.embedded(dir)) {
            JdbcBatchJobs store = new JdbcBatchJobs(db);
            BatchJob running = job("bj_running");
            store.create(running, contacts(3));
            EventBetweenChunks between = new EventBetweenChunks();
            long[] seenMidway = {-1, -1};
            Iterator<NewContact> added = LongStream.rangeClosed(4, 3 + 3L * ContactImport.CHUNK).mapToObj(i -> new NewContact(i,
                    new PhoneNumber("+1212" + String.format("%07d", i)), Map.<String, Object>of("name", "A" + i))).iterator();
            Iterator<NewContact> watching = watched(added, n -> {
                if (n == ContactImport.CHUNK + 10) {
                    between.start(); // the first chunk is written: the event starts waiting for the writer now
                } else if (n == 2L * ContactImport.CHUNK + 10) {
                    between.awaitWritten();
                    // two chunks written: a reader sees the job as it was before the add
                    seenMidway[0] = store.findById(running.id()).get().breakdown().total();
                    seenMidway[1] = store.contacts(running.id(), ContactQuery.all(new PageRequest(1, 50))).size();
                }
            });
            CompletableFuture<Option<Long>> adding = CompletableFuture.supplyAsync(() -> store.addContacts(running, watching));
            between.awaitStart();
            CompletableFuture<Object> event = between.send(store, running.id());
            assertThat(adding.get(60, TimeUnit.SECONDS)).contains(3L * ContactImport.CHUNK);
            assertThat(between.gotThrough()).as("the event was written while the add was still under way").isTrue();
            assertThat(seenMidway).as("total and contacts a reader saw halfway through the add").containsExactly(3, 3);
            assertThat(store.contact(running.id(), 1).get().status()).isEqualTo(ContactStatus.DIALING);
            var after = store.findById(running.id()).get().breakdown();
            assertThat(after.total()).isEqualTo(3 + 3L * ContactImport.CHUNK);
            assertThat(after.count(ContactStatus.PENDING)).isEqualTo(2 + 3L * ContactImport.CHUNK);
            assertThat(store.contact(running.id(), 3 + 3L * ContactImport.CHUNK).get().phoneNumber()).isEqualTo("+1212" + String.format("%07d", 3 + 3L * ContactImport.CHUNK));
            assertThat(count(db, "select count(*) from contact where job_id = 'bj_running'")).isEqualTo(3 + 3L * ContactImport.CHUNK);
        }
    }

    @Test
    @Timeout(60)
    void anAddThatFailsHalfwayLeavesTheJobAsItWas() {
        try (Database db = Database.embedded(dir)) {
            JdbcBatchJobs store = new JdbcBatchJobs(db);
            BatchJob running = job("bj_running");
            store.create(running, contacts(3));
            Iterator<NewContact> added = LongStream.rangeClosed(4, 3 + 2L * ContactImport.CHUNK).mapToObj(i -> {
                if (i == 3 + ContactImport.CHUNK + 5) {
                    throw new IllegalStateException("the upload broke off");
                }
                return new NewContact(i, new PhoneNumber("+1212" + String.format("%07d", i)), Map.<String, Object>of());
            }).iterator();
            assertThatThrownBy(() -> store.addContacts(running, added)).hasMessageContaining("broke off");
            assertThat(store.findById(running.id()).get().breakdown().total()).isEqualTo(3);
            assertThat(store.contacts(running.id(), ContactQuery.all(new PageRequest(1, 50))).size()).isEqualTo(3);
            // the writer's connection is whole: the next add goes through
            assertThat(store.addContacts(running, List.of(new NewContact(4, new PhoneNumber("+12125550100"), Map.<String, Object>of())).iterator()))
                    .contains(1L);
            assertThat(store.findById(running.id()).get().breakdown().total()).isEqualTo(4);
        }
    }

    @Test
    @Timeout(60)
    void theWalIsCopiedIntoTheDatabaseFileWithoutACommitDoingIt() throws Exception {
        Path file = dir.resolve(Database.EMBEDDED_FILE);
        try (Database db = Database.embedded(dir)) {
            long before = java.nio.file.Files.size(file);
            new JdbcBatchJobs(db).create(job("bj_big"), contacts(50_000));
            // the writer runs with wal_autocheckpoint = 0: only the background checkpoint moves pages into the file
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (java.nio.file.Files.size(file) < before + 2_000_000 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(java.nio.file.Files.size(file)).as("the database file after a 50,000-contact import").isGreaterThan(before + 2_000_000);
            assertThat(count(db, "pragma wal_autocheckpoint")).as("the writer's own checkpoints").isZero();
        }
    }

    @Test
    void anImportCutShortByACrashIsRemovedAtTheNextStart() throws Exception {
        try (Database db = Database.embedded(dir)) {
            JdbcBatchJobs store = new JdbcBatchJobs(db);
            store.create(job("bj_whole"), contacts(10));
            // what a crash between two chunks leaves: the marker and some contacts, no job row
            try (Connection c = db.dataSource().getConnection(); PreparedStatement marker = c.prepareStatement("insert into pending_import values ('bj_cut', 1)");
                 PreparedStatement row = c.prepareStatement("insert into contact (job_id, seq, phone_number, status, attempt_count, "
                         + "max_attempts) values ('bj_cut', ?, '+14155550000', 'pending', 0, 2)")) {
                marker.executeUpdate();
                for (int i = 1; i <= 25_000; i++) {
                    row.setInt(1, i);
                    row.addBatch();
                }
                row.executeBatch();
            }
        }
        try (Database db = Database.embedded(dir)) {
            JdbcBatchJobs store = new JdbcBatchJobs(db);
            assertThat(store.recoverInterruptedImports()).isEqualTo(1);
            assertThat(count(db, "select count(*) from contact where job_id = 'bj_cut'")).isZero();
            assertThat(count(db, "select count(*) from pending_import")).isZero();
            assertThat(store.findById("bj_whole").get().breakdown().total()).isEqualTo(10);
            assertThat(store.contacts("bj_whole", ContactQuery.all(new PageRequest(1, 50))).size()).isEqualTo(10);
            assertThat(store.recoverInterruptedImports()).isZero();
        }
    }

    @Test
    void aSecondProcessCannotOpenTheSameDataDirectory() {
        try (Database db = Database.embedded(dir)) {
            assertThatThrownBy(() -> Database.embedded(dir)).isInstanceOf(Database.DataDirectoryInUseException.class)
                    .hasMessageContaining("in use");
        }
        Database.embedded(dir).close(); // released on close
    }

    /** {@code source}, telling {@code at} the position (1, 2, …) of each row as it is taken. */
    private static Iterator<NewContact> watched(Iterator<NewContact> source, java.util.function.LongConsumer at) {
        return new Iterator<>() {
            long n;

            public boolean hasNext() {
                return source.hasNext();
            }

            public NewContact next() {
                at.accept(++n);
                return source.next();
            }
        };
    }

    /**
     * A call event (contact 1 dialed) sent while a bulk write is under way: started when the write reaches one row, and
     * required to be written by the time it reaches a later one — which it can only be if the write lets the writer go.
     */
    private static final class EventBetweenChunks {
        private final CountDownLatch started = new CountDownLatch(1);
        private final CountDownLatch written = new CountDownLatch(1);
        private volatile boolean gotThrough;

        void start() {
            started.countDown();
        }

        void awaitWritten() {
            gotThrough = await(written);
        }

        void awaitStart() throws InterruptedException {
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        }

        CompletableFuture<Object> send(JdbcBatchJobs store, String jobId) {
            CompletableFuture<Object> event = CompletableFuture.supplyAsync(() -> io.batchcall.application.OneChange.apply(store, Option.of("org"), jobId, 1,
                    Option.none(), (j, c) -> c.dispatch(T0, "room-1").mapLeft(r -> new BatchJobError.InvalidInput("x", r.toString()))));
            event.whenComplete((r, e) -> written.countDown());
            return event;
        }

        boolean gotThrough() {
            return gotThrough;
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
