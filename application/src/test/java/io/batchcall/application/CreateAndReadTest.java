package io.batchcall.application;

import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJobCommand;
import io.batchcall.application.port.in.SkippedRow;
import io.batchcall.application.service.EngineSettings;
import io.batchcall.domain.contact.ContactStatus;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CreateAndReadTest {

    private final EngineHarness h = new EngineHarness(new InMemoryBatchJobs(), EngineSettings.DEFAULTS.withMaxContactsPerJob(5));

    private CreateBatchJobCommand command(String name) {
        return new CreateBatchJobCommand(h.org, name, null, null, "pn-1", null, null, null, null, null, null);
    }

    private static ContactRow row(long n, String phone) {
        return new ContactRow(n, phone, Map.of("n", n));
    }

    @Test
    void badAndDuplicatePhonesAreSkippedAndReported() {
        var created = io.batchcall.application.port.in.CreateJob.of(command("x")).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(List.of(row(1, "+14155550100"), row(2, "4155550101"),
                row(3, "+14155550100"), row(4, ""), row(5, " +14155550102 ")).iterator()))).get();
        assertThat(created.totalContacts()).isEqualTo(2);
        // leading zeros are digits too: +0412345678 and +412345678 are different numbers
        var zeros = io.batchcall.application.port.in.CreateJob.of(command("z")).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(List.of(row(1, "+0412345678"), row(2, "+412345678")).iterator()))).get();
        assertThat(zeros.totalContacts()).isEqualTo(2);
        assertThat(created.skippedCount()).isEqualTo(3);
        assertThat(created.skippedRows()).containsExactly(new SkippedRow(2, "4155550101", "invalid_phone"),
                new SkippedRow(3, "+14155550100", "duplicate_phone"), new SkippedRow(4, "", "missing_phone"));
        assertThat(created.job().retryPolicy().maxAttempts()).isEqualTo(3);
        assertThat(created.job().concurrentCallLimit()).isEqualTo(5);
        assertThat(created.job().retryPolicy().retryableStatuses().toJavaList())
                .containsExactly(ContactStatus.NO_ANSWER, ContactStatus.BUSY, ContactStatus.TIMEOUT);
    }

    @Test
    void noValidRowIsA400AndStoresNothing() {
        var result = io.batchcall.application.port.in.CreateJob.of(command("x")).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(List.of(row(1, "nope")).iterator())));
        assertThat(result.getLeft().code()).isEqualTo("no_valid_contacts");
        assertThat(io.batchcall.application.port.in.JobListQuery.parse(h.org, null, null, null, null).flatMap(h.engine.list::list).get().total()).isZero();
    }

    @Test
    void fieldValidationHasDocumentedCodes() {
        Iterator<ContactRow> one = List.of(row(1, "+14155550100")).iterator();
        assertThat(io.batchcall.application.port.in.CreateJob.of(command(" ")).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(one))).getLeft().code()).isEqualTo("missing_name");
        assertThat(io.batchcall.application.port.in.CreateJob.of(command("x".repeat(201))).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(one))).getLeft().code()).isEqualTo("name_too_long");
        assertThat(io.batchcall.application.port.in.CreateJob.of(new CreateBatchJobCommand(h.org, "n", null, null, null, null, null, null, null, null, null)).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(one)))
                .getLeft().code()).isEqualTo("missing_from_phone_number_id");
        assertThat(io.batchcall.application.port.in.CreateJob.of(new CreateBatchJobCommand(h.org, "n", null, null, "p", 1001, null, null, null, null, null)).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(one)))
                .getLeft().code()).isEqualTo("invalid_concurrent_call_limit");
        assertThat(io.batchcall.application.port.in.CreateJob.of(new CreateBatchJobCommand(h.org, "n", null, null, "p", null, 11, null, null, null, null)).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(one)))
                .getLeft().code()).isEqualTo("invalid_max_attempts");
        assertThat(io.batchcall.application.port.in.CreateJob.of(new CreateBatchJobCommand(h.org, "n", null, null, "p", null, null, List.of("nope"), null, null, null)).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(one)))
                .getLeft().code()).isEqualTo("invalid_retryable_statuses");
        assertThat(io.batchcall.application.port.in.CreateJob.of(new CreateBatchJobCommand(h.org, "n", null, null, "p", null, null, null, null, "tomorrow", null)).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(one)))
                .getLeft().code()).isEqualTo("invalid_scheduled_time");
        assertThat(io.batchcall.application.port.in.CreateJob.of(new CreateBatchJobCommand(h.org, "n", null, null, "p", null, null, null, null, "2030-01-01T00:00:00", "Mars/Olympus")).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(one)))
                .getLeft().code()).isEqualTo("invalid_timezone");
    }

    @Test
    void tooManyContactsAndMalformedUploadsStoreNothing() {
        var six = List.of(row(1, "+14155550101"), row(2, "+14155550102"), row(3, "+14155550103"), row(4, "+14155550104"),
                row(5, "+14155550105"), row(6, "+14155550106"));
        assertThat(io.batchcall.application.port.in.CreateJob.of(command("x")).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(six.iterator()))).getLeft().code()).isEqualTo("too_many_contacts");
        // two good rows, then one the reader cannot read: the create answers its problem and keeps nothing
        var broken = io.batchcall.application.port.in.ContactRows.from(io.vavr.collection.List.of(
                io.vavr.control.Either.<io.batchcall.domain.error.BatchJobError, ContactRow>right(row(1, "+14155550101")),
                io.vavr.control.Either.<io.batchcall.domain.error.BatchJobError, ContactRow>right(row(2, "+14155550102")),
                io.vavr.control.Either.<io.batchcall.domain.error.BatchJobError, ContactRow>left(
                        new io.batchcall.domain.error.BatchJobError.InvalidInput("invalid_csv", "unterminated quote at line 3"))).iterator());
        assertThat(io.batchcall.application.port.in.CreateJob.of(command("x")).flatMap(cj -> h.engine.create.create(cj, broken)).getLeft().code())
                .isEqualTo("invalid_csv");
        assertThat(io.batchcall.application.port.in.JobListQuery.parse(h.org, null, null, null, null).flatMap(h.engine.list::list).get().total()).isZero();
    }

    @Test
    void detailValidatesItsQueryAndHidesOtherOrganizations() {
        String job = h.create(3, 1, 1, List.of(), 0).job().id();
        assertThat(io.batchcall.application.port.in.DetailQuery.parse(h.org, job, "nope", null, null).flatMap(h.engine.detail::detail).getLeft().code()).isEqualTo("invalid_contact_status");
        assertThat(io.batchcall.application.port.in.DetailQuery.parse(h.org, job, null, "0", null).flatMap(h.engine.detail::detail).getLeft().code()).isEqualTo("invalid_page");
        assertThat(io.batchcall.application.port.in.DetailQuery.parse(h.org, job, null, null, "501").flatMap(h.engine.detail::detail).getLeft().code()).isEqualTo("invalid_page_size");
        assertThat(io.batchcall.application.port.in.DetailQuery.parse("other", job, null, null, null).flatMap(h.engine.detail::detail).getLeft().code()).isEqualTo("job_not_found");
        var pastEnd = io.batchcall.application.port.in.DetailQuery.parse(h.org, job, "", "9", "2").flatMap(h.engine.detail::detail).get();
        assertThat(pastEnd.contacts()).isEmpty();
        assertThat(pastEnd.contactsTotal()).isEqualTo(3);
        assertThat(pastEnd.contactsHasMore()).isFalse();
        var firstPage = io.batchcall.application.port.in.DetailQuery.parse(h.org, job, "pending", "1", "2").flatMap(h.engine.detail::detail).get();
        assertThat(firstPage.contacts()).hasSize(2);
        assertThat(firstPage.contactsHasMore()).isTrue();
        assertThat(io.batchcall.application.port.in.DetailQuery.parse(h.org, job, "completed", null, null).flatMap(h.engine.detail::detail).get().contactsTotal()).isZero();
    }

    @Test
    void listValidatesAndHonoursTheOrganizationParameter() {
        h.create(1, 1, 1, List.of(), 0);
        assertThat(io.batchcall.application.port.in.JobListQuery.parse(h.org, "nope", null, null, null).flatMap(h.engine.list::list).getLeft().code()).isEqualTo("invalid_status");
        assertThat(io.batchcall.application.port.in.JobListQuery.parse(h.org, null, "0", null, null).flatMap(h.engine.list::list).getLeft().code()).isEqualTo("invalid_page");
        assertThat(io.batchcall.application.port.in.JobListQuery.parse(h.org, null, null, "101", null).flatMap(h.engine.list::list).getLeft().code()).isEqualTo("invalid_page_size");
        assertThat(io.batchcall.application.port.in.JobListQuery.parse(h.org, null, null, null, h.org).flatMap(h.engine.list::list).get().total()).isEqualTo(1);
        assertThat(io.batchcall.application.port.in.JobListQuery.parse(h.org, null, null, null, "other-org").flatMap(h.engine.list::list).get().jobs()).isEmpty();
        assertThat(io.batchcall.application.port.in.JobListQuery.parse(h.org, "pending", null, null, null).flatMap(h.engine.list::list).get().total()).isEqualTo(1);
        assertThat(io.batchcall.application.port.in.JobListQuery.parse(h.org, "running", null, null, null).flatMap(h.engine.list::list).get().total()).isZero();
        assertThat(io.batchcall.application.port.in.JobListQuery.parse(h.org, null, null, null, null).flatMap(h.engine.list::list).get().pageSize()).isEqualTo(20);
    }

    @Test
    void lifecycleActionsReportWhatTheyDid() {
        String job = h.create(3, 1, 1, List.of(), 0).job().id();
        var started = h.engine.jobs.act(io.batchcall.application.port.in.JobAction.start(h.org, job)).get();
        assertThat(started.contactsAffected()).contains(3L);
        assertThat(started.job().actualStartTime()).contains(h.clock.now());
        assertThat(h.engine.jobs.act(io.batchcall.application.port.in.JobAction.start(h.org, job)).getLeft().code()).isEqualTo("already_running");
        assertThat(io.batchcall.application.port.in.JobAction.reschedule(h.org, job, "2030-01-01T00:00:00Z", null).flatMap(h.engine.jobs::act).getLeft().code()).isEqualTo("invalid_status");
        assertThat(h.engine.jobs.act(io.batchcall.application.port.in.JobAction.resume(h.org, job)).getLeft().code()).isEqualTo("invalid_status");
        assertThat(h.engine.jobs.act(io.batchcall.application.port.in.JobAction.cancel(h.org, job)).get().contactsAffected()).contains(3L);
        assertThat(h.engine.jobs.act(io.batchcall.application.port.in.JobAction.cancel(h.org, job)).getLeft().code()).isEqualTo("invalid_status");
        assertThat(h.engine.jobs.act(io.batchcall.application.port.in.JobAction.pause("other", job)).getLeft().code()).isEqualTo("job_not_found");
        String later = h.create(1, 1, 1, List.of(), 0).job().id();
        var moved = io.batchcall.application.port.in.JobAction.reschedule(h.org, later, "2030-01-01T09:00:00", "America/New_York").flatMap(h.engine.jobs::act).get();
        assertThat(moved.job().scheduledStartTime()).contains(java.time.Instant.parse("2030-01-01T14:00:00Z"));
        assertThat(moved.job().status().wire()).isEqualTo("scheduled");
    }
}
