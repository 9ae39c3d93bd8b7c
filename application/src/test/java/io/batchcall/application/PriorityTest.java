package io.batchcall.application;

import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.port.in.CallEvent;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJobCommand;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.job.JobStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT §16 priority through the engine: among contacts callable at one moment, higher priority is dialed first, then
 * upload order — pending and queued alike, inside and across the zone groups of a windowed job, and for contacts added
 * to a running job.
 */
public class PriorityTest {

    /** The store the rules run on; the persistence module runs the same tests on SQLite and PostgreSQL. */
    protected io.batchcall.application.port.out.BatchJobs newStore() {
        return new InMemoryBatchJobs();
    }

    private EngineHarness h;

    @BeforeEach
    void harness() {
        h = new EngineHarness(newStore(), io.batchcall.application.service.EngineSettings.DEFAULTS);
    }

    private static ContactRow row(int n, Object priority, String zone) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (priority != null) {
            data.put("priority", priority);
        }
        if (zone != null) {
            data.put("timezone", zone);
        }
        return new ContactRow(n, String.format("+1646558%04d", 1000 + n), data);
    }

    private io.batchcall.application.port.in.CreatedJob create(CreateBatchJobCommand command, List<ContactRow> rows) {
        return io.batchcall.application.port.in.CreateJob.of(command)
                .flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(rows.iterator())))
                .getOrElseThrow(e -> new AssertionError(e.code() + ": " + e.message()));
    }

    private CreateBatchJobCommand command(int concurrency, int maxAttempts, CreateBatchJobCommand.CallingWindowInput window) {
        return new CreateBatchJobCommand(h.org, "Priorities", null, null, "pn", concurrency, maxAttempts, List.of("no_answer"), 60L,
                null, null, window);
    }

    /** Dials one contact per pass (a concurrency of 1), ending each as {@code outcome}; the contacts' upload positions in order. */
    private List<Long> dialOneByOne(String job, int dials, String outcome) {
        List<Long> order = new ArrayList<>();
        for (int i = 0; i < dials; i++) {
            h.engine.dispatcher.tick();
            List<DialRequest> sent = h.dialer.drain();
            assertThat(sent).as("dial %d", i + 1).hasSize(1);
            order.add(Long.parseLong(sent.get(0).contactId().substring((job + "-c").length())));
            ended(sent.get(0), outcome);
        }
        return order;
    }

    private void ended(DialRequest r, String outcome) {
        assertThat(h.engine.callEvents.record(h.org, CallEvent.of(r.batchJobId(), r.contactId(), r.attempt(), "ended", outcome, null, 20,
                null, null, false, null, null, null, null).get()).isRight()).isTrue();
    }

    @Test
    void higherPriorityIsDialedFirstThenUploadOrder() {
        var created = create(command(1, 1, null), List.of(row(1, null, null), row(2, "5", null), row(3, -3, null), row(4, 5, null),
                row(5, "99", null), row(6, "", null), row(7, "+7", null)));
        String job = created.job().id();
        assertThat(dialOneByOne(job, 7, "completed")).containsExactly(5L, 7L, 2L, 4L, 1L, 6L, 3L);
        assertThat(h.detail(job).view().job().status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void aPriorityOutsideMinus99To99OrNotAWholeNumberSkipsTheRow() {
        var created = create(command(1, 1, null), List.of(row(1, "100", null), row(2, 1.5, null), row(3, "high", null),
                row(4, -99, null), row(5, 99.0, null), row(6, -100, null)));
        assertThat(created.skippedRows()).extracting(io.batchcall.application.port.in.SkippedRow::reason)
                .containsExactly("invalid_priority", "invalid_priority", "invalid_priority", "invalid_priority");
        assertThat(created.skippedRows()).extracting(io.batchcall.application.port.in.SkippedRow::row).containsExactly(1L, 2L, 3L, 6L);
        assertThat(dialOneByOne(created.job().id(), 2, "completed")).containsExactly(2L, 1L); // 99 (row 5), then -99 (row 4)
    }

    /** A retry that falls due competes by its priority with contacts never dialed. */
    @Test
    void aQueuedRetryOfHigherPriorityGoesBeforePendingContactsOnceDue() {
        var created = create(command(1, 2, null), List.of(row(1, null, null), row(2, null, null), row(3, 9, null), row(4, null, null)));
        String job = created.job().id();
        assertThat(dialOneByOne(job, 1, "no_answer")).containsExactly(3L); // queued for 60 s
        assertThat(dialOneByOne(job, 1, "completed")).containsExactly(1L);
        h.advance(Duration.ofSeconds(61));
        assertThat(dialOneByOne(job, 3, "completed")).containsExactly(3L, 2L, 4L);
    }

    /** A windowed job's claims read each zone group apart: the order still runs across them. */
    @Test
    void priorityOrdersContactsAcrossTheZoneGroupsOfAWindowedJob() {
        var always = new CreateBatchJobCommand.CallingWindowInput("00:00", "23:59",
                List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"), null);
        var created = create(command(1, 1, always), List.of(row(1, 1, "America/New_York"), row(2, 3, "Europe/London"),
                row(3, null, "America/New_York"), row(4, 2, "Asia/Tokyo"), row(5, 3, "America/New_York"), row(6, -1, "Europe/London")));
        assertThat(dialOneByOne(created.job().id(), 6, "completed")).containsExactly(2L, 5L, 4L, 1L, 3L, 6L);
    }

    /** A job uploaded without priorities gains them with an add: the added contact of priority 10 is next. */
    @Test
    void contactsAddedWithAPriorityToARunningJobGoFirst() {
        var created = create(command(1, 1, null), List.of(row(1, null, null), row(2, null, null), row(3, null, null)));
        String job = created.job().id();
        assertThat(dialOneByOne(job, 1, "completed")).containsExactly(1L);
        var added = io.batchcall.application.port.in.AddContacts.Command.of(h.org, job, false, null, "hash-priority")
                .flatMap(c -> h.engine.addContacts.add(c, io.batchcall.application.port.in.ContactRows.of(
                        List.of(row(4, null, null), row(5, 10, null), row(6, "x", null)).iterator()), a -> a.added() + ""));
        assertThat(added.isRight()).as("%s", added).isTrue();
        assertThat(dialOneByOne(job, 4, "completed")).containsExactly(5L, 2L, 3L, 4L);
        var detail = h.detail(job);
        assertThat(detail.view().job().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(detail.view().progress().statusBreakdown().count(ContactStatus.COMPLETED)).isEqualTo(5);
    }
}
