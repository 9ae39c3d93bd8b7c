package io.batchcall.application;

import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJobCommand;
import io.batchcall.application.port.in.MalformedUploadException;
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
        var created = h.engine.create.create(command("x"), List.of(row(1, "+14155550100"), row(2, "4155550101"),
                row(3, "+14155550100"), row(4, ""), row(5, " +14155550102 ")).iterator()).get();
        assertThat(created.totalContacts()).isEqualTo(2);
        // leading zeros are digits too: +0412345678 and +412345678 are different numbers
        var zeros = h.engine.create.create(command("z"), List.of(row(1, "+0412345678"), row(2, "+412345678")).iterator()).get();
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
        var result = h.engine.create.create(command("x"), List.of(row(1, "nope")).iterator());
        assertThat(result.getLeft().code()).isEqualTo("no_valid_contacts");
        assertThat(h.engine.list.list(h.org, null, null, null, null).get().total()).isZero();
    }

    @Test
    void fieldValidationHasDocumentedCodes() {
        Iterator<ContactRow> one = List.of(row(1, "+14155550100")).iterator();
        assertThat(h.engine.create.create(command(" "), one).getLeft().code()).isEqualTo("missing_name");
        assertThat(h.engine.create.create(command("x".repeat(201)), one).getLeft().code()).isEqualTo("name_too_long");
        assertThat(h.engine.create.create(new CreateBatchJobCommand(h.org, "n", null, null, null, null, null, null, null, null, null), one)
                .getLeft().code()).isEqualTo("missing_from_phone_number_id");
        assertThat(h.engine.create.create(new CreateBatchJobCommand(h.org, "n", null, null, "p", 1001, null, null, null, null, null), one)
                .getLeft().code()).isEqualTo("invalid_concurrent_call_limit");
        assertThat(h.engine.create.create(new CreateBatchJobCommand(h.org, "n", null, null, "p", null, 11, null, null, null, null), one)
                .getLeft().code()).isEqualTo("invalid_max_attempts");
        assertThat(h.engine.create.create(new CreateBatchJobCommand(h.org, "n", null, null, "p", null, null, List.of("nope"), null, null, null), one)
                .getLeft().code()).isEqualTo("invalid_retryable_statuses");
        assertThat(h.engine.create.create(new CreateBatchJobCommand(h.org, "n", null, null, "p", null, null, null, null, "tomorrow", null), one)
                .getLeft().code()).isEqualTo("invalid_scheduled_time");
        assertThat(h.engine.create.create(new CreateBatchJobCommand(h.org, "n", null, null, "p", null, null, null, null, "2030-01-01T00:00:00", "Mars/Olympus"), one)
                .getLeft().code()).isEqualTo("invalid_timezone");
    }

    @Test
    void tooManyContactsAndMalformedUploadsStoreNothing() {
        var six = List.of(row(1, "+14155550101"), row(2, "+14155550102"), row(3, "+14155550103"), row(4, "+14155550104"),
                row(5, "+14155550105"), row(6, "+14155550106"));
        assertThat(h.engine.create.create(command("x"), six.iterator()).getLeft().code()).isEqualTo("too_many_contacts");
        Iterator<ContactRow> broken = new Iterator<>() {
            int n;
            public boolean hasNext() {
                if (n == 2) {
                    throw new MalformedUploadException("invalid_csv", "unterminated quote at line 3", null);
                }
                return true;
            }
            public ContactRow next() {
                n++;
                return row(n, "+1415555010" + n);
            }
        };
        assertThat(h.engine.create.create(command("x"), broken).getLeft().code()).isEqualTo("invalid_csv");
        assertThat(h.engine.list.list(h.org, null, null, null, null).get().total()).isZero();
    }

    @Test
    void detailValidatesItsQueryAndHidesOtherOrganizations() {
        String job = h.create(3, 1, 1, List.of(), 0).job().id();
        assertThat(h.engine.detail.detail(h.org, job, "nope", null, null).getLeft().code()).isEqualTo("invalid_contact_status");
        assertThat(h.engine.detail.detail(h.org, job, null, "0", null).getLeft().code()).isEqualTo("invalid_page");
        assertThat(h.engine.detail.detail(h.org, job, null, null, "501").getLeft().code()).isEqualTo("invalid_page_size");
        assertThat(h.engine.detail.detail("other", job, null, null, null).getLeft().code()).isEqualTo("job_not_found");
        var pastEnd = h.engine.detail.detail(h.org, job, "", "9", "2").get();
        assertThat(pastEnd.contacts()).isEmpty();
        assertThat(pastEnd.contactsTotal()).isEqualTo(3);
        assertThat(pastEnd.contactsHasMore()).isFalse();
        var firstPage = h.engine.detail.detail(h.org, job, "pending", "1", "2").get();
        assertThat(firstPage.contacts()).hasSize(2);
        assertThat(firstPage.contactsHasMore()).isTrue();
        assertThat(h.engine.detail.detail(h.org, job, "completed", null, null).get().contactsTotal()).isZero();
    }

    @Test
    void listValidatesAndHonoursTheOrganizationParameter() {
        h.create(1, 1, 1, List.of(), 0);
        assertThat(h.engine.list.list(h.org, "nope", null, null, null).getLeft().code()).isEqualTo("invalid_status");
        assertThat(h.engine.list.list(h.org, null, "0", null, null).getLeft().code()).isEqualTo("invalid_page");
        assertThat(h.engine.list.list(h.org, null, null, "101", null).getLeft().code()).isEqualTo("invalid_page_size");
        assertThat(h.engine.list.list(h.org, null, null, null, h.org).get().total()).isEqualTo(1);
        assertThat(h.engine.list.list(h.org, null, null, null, "other-org").get().jobs()).isEmpty();
        assertThat(h.engine.list.list(h.org, "pending", null, null, null).get().total()).isEqualTo(1);
        assertThat(h.engine.list.list(h.org, "running", null, null, null).get().total()).isZero();
        assertThat(h.engine.list.list(h.org, null, null, null, null).get().pageSize()).isEqualTo(20);
    }

    @Test
    void lifecycleActionsReportWhatTheyDid() {
        String job = h.create(3, 1, 1, List.of(), 0).job().id();
        var started = h.engine.start.start(h.org, job).get();
        assertThat(started.contactsAffected()).contains(3L);
        assertThat(started.job().actualStartTime()).contains(h.clock.now());
        assertThat(h.engine.start.start(h.org, job).getLeft().code()).isEqualTo("already_running");
        assertThat(h.engine.reschedule.reschedule(h.org, job, "2030-01-01T00:00:00Z", null).getLeft().code()).isEqualTo("invalid_status");
        assertThat(h.engine.resume.resume(h.org, job).getLeft().code()).isEqualTo("invalid_status");
        assertThat(h.engine.cancel.cancel(h.org, job).get().contactsAffected()).contains(3L);
        assertThat(h.engine.cancel.cancel(h.org, job).getLeft().code()).isEqualTo("invalid_status");
        assertThat(h.engine.pause.pause("other", job).getLeft().code()).isEqualTo("job_not_found");
        String later = h.create(1, 1, 1, List.of(), 0).job().id();
        var moved = h.engine.reschedule.reschedule(h.org, later, "2030-01-01T09:00:00", "America/New_York").get();
        assertThat(moved.job().scheduledStartTime()).contains(java.time.Instant.parse("2030-01-01T14:00:00Z"));
        assertThat(moved.job().status().wire()).isEqualTo("scheduled");
    }
}
