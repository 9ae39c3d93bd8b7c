package io.batchcall.application;

import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJobCommand;
import io.batchcall.application.port.in.ManageConsents;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.PhoneNumber;
import io.batchcall.domain.job.JobStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT §17 consent through the engine: records kept and revoked per organization; a job that requires consent takes
 * only consented numbers and checks again at each dial.
 */
public class ConsentTest {

    /** The store the rules run on; the persistence module runs the same tests on SQLite and PostgreSQL. */
    protected io.batchcall.application.port.out.BatchJobs newStore() {
        return new InMemoryBatchJobs();
    }

    private EngineHarness h;

    @BeforeEach
    void harness() {
        h = new EngineHarness(newStore(), io.batchcall.application.service.EngineSettings.DEFAULTS);
    }

    private ManageConsents.Granted grant(String org, String phone, String source) {
        return h.engine.consents.grant(new ManageConsents.Grant(org, phone, source, null, "Yes, call me")).get();
    }

    private io.batchcall.application.port.in.CreatedJob create(boolean requireConsent, String... phones) {
        var command = new CreateBatchJobCommand(h.org, "Consented", null, null, "pn", 1, 2, List.of("no_answer"), 60L, null, null,
                null, null, null, null, null, null, null, null, null, null, requireConsent);
        List<ContactRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < phones.length; i++) {
            rows.add(new ContactRow(i + 1, phones[i], Map.of()));
        }
        return io.batchcall.application.port.in.CreateJob.of(command)
                .flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(rows.iterator())))
                .getOrElseThrow(e -> new AssertionError(e.code() + ": " + e.message()));
    }

    @Test
    void aConsentIsRecordedRevokedAsARecordAndGrantedAnewBesideIt() {
        assertThat(grant(h.org, "+16465590001", "web form").created()).isTrue();
        assertThat(grant(h.org, "+16465590001", "phone call").created()).as("the record in force updated").isFalse();
        var shown = h.engine.consents.lookup(h.org, PhoneNumber.parse("+16465590001").get()).get();
        assertThat(shown.consented()).isTrue();
        assertThat(shown.records()).hasSize(1);
        assertThat(shown.records().get(0).source()).isEqualTo("phone call");

        h.advance(Duration.ofMinutes(1));
        var revoked = h.engine.consents.revoke(h.org, PhoneNumber.parse("+16465590001").get()).get();
        assertThat(revoked.revokedAt()).contains(h.clock.now());
        assertThat(h.engine.consents.revoke(h.org, PhoneNumber.parse("+16465590001").get()).getLeft().code()).isEqualTo("consent_not_found");
        assertThat(h.engine.consents.lookup(h.org, PhoneNumber.parse("+16465590001").get()).get().consented()).isFalse();

        h.advance(Duration.ofMinutes(1));
        assertThat(grant(h.org, "+16465590001", "second form").created()).isTrue();
        var again = h.engine.consents.lookup(h.org, PhoneNumber.parse("+16465590001").get()).get();
        assertThat(again.consented()).isTrue();
        assertThat(again.records()).extracting(io.batchcall.domain.consent.Consent::source).containsExactly("second form", "phone call");
        assertThat(again.records().get(1).revokedAt().isDefined()).isTrue();
        assertThat(h.engine.consents.lookup("another-org", PhoneNumber.parse("+16465590001").get()).get().records())
                .as("another organization's records are invisible").isEmpty();
    }

    @Test
    void badConsentsAreRefusedWithTheirCodes() {
        assertThat(h.engine.consents.grant(new ManageConsents.Grant(h.org, "0800", "form", null, null)).getLeft().code())
                .isEqualTo("invalid_phone_number");
        assertThat(h.engine.consents.grant(new ManageConsents.Grant(h.org, "+16465590002", " ", null, null)).getLeft().code())
                .isEqualTo("invalid_source");
        assertThat(h.engine.consents.grant(new ManageConsents.Grant(h.org, "+16465590002", "form", "yesterday", null)).getLeft().code())
                .isEqualTo("invalid_granted_at");
        assertThat(h.engine.consents.grant(new ManageConsents.Grant(h.org, "+16465590002", "form",
                h.clock.now().plus(Duration.ofDays(1)).toString(), null)).getLeft().code()).as("in the future").isEqualTo("invalid_granted_at");
        assertThat(h.engine.consents.grant(new ManageConsents.Grant(h.org, "+16465590002", "form", null, "x".repeat(2001))).getLeft().code())
                .isEqualTo("invalid_text");
        assertThat(h.engine.consents.lookup(h.org, PhoneNumber.parse("+16465590002").get()).get().records()).as("nothing stored").isEmpty();
    }

    /** Skipped at upload without consent; revoked after the create → blocked with errorCode no_consent at its dial. */
    @Test
    void aJobThatRequiresConsentDialsOnlyNumbersWithOneInForce() {
        grant(h.org, "+16465590011", "form");
        grant(h.org, "+16465590012", "form");
        grant("another-org", "+16465590013", "form");
        var created = create(true, "+16465590011", "+16465590012", "+16465590013");
        assertThat(created.job().requireConsent()).isTrue();
        assertThat(created.totalContacts()).isEqualTo(2);
        assertThat(created.skippedRows()).extracting(io.batchcall.application.port.in.SkippedRow::reason).containsExactly("no_consent");
        String job = created.job().id();

        h.engine.consents.revoke(h.org, PhoneNumber.parse("+16465590011").get());
        h.engine.dispatcher.tick();
        List<DialRequest> dialed = h.dialer.drain();
        assertThat(dialed).extracting(DialRequest::phoneNumber).containsExactly("+16465590012");
        var detail = h.detail(job);
        Contact first = detail.contacts().find(c -> c.phoneNumber().equals("+16465590011")).get();
        assertThat(first.status()).isEqualTo(ContactStatus.BLOCKED);
        assertThat(first.errorCode()).contains("no_consent");
        assertThat(first.attemptCount()).isZero();

        // a job that does not require consent dials the revoked number
        var plain = create(false, "+16465590011");
        assertThat(plain.totalContacts()).isEqualTo(1);
        h.engine.callEvents.record(h.org, io.batchcall.application.port.in.CallEvent.of(dialed.get(0).batchJobId(), dialed.get(0).contactId(),
                dialed.get(0).attempt(), "ended", "completed", null, 20, null, null, false, null, null, null, null).get());
        h.engine.dispatcher.tick();
        assertThat(h.dialer.drain()).extracting(DialRequest::phoneNumber).contains("+16465590011");
        assertThat(h.detail(job).view().job().status()).isEqualTo(JobStatus.COMPLETED);
    }
}
