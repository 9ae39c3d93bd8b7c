package io.batchcall.domain;

import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.eta.BaselineEta;
import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.paging.ContactQuery;
import io.batchcall.domain.paging.PageRequest;
import io.batchcall.domain.progress.Progress;
import io.batchcall.domain.progress.StatusBreakdown;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.batchcall.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

class PagingAndEtaTest {

    @Test
    void defaultsApplyWhenAbsentOrEmpty() {
        ContactQuery q = ContactQuery.parse(null, "", null).get();
        assertThat(q.statuses()).isEmpty();
        assertThat(q.page()).isEqualTo(new PageRequest(1, 50));
    }

    @Test
    void commaSeparatedStatusesAreAccepted() {
        ContactQuery q = ContactQuery.parse("busy,no_answer", "2", "10").get();
        assertThat(q.statusList()).containsExactly(ContactStatus.NO_ANSWER, ContactStatus.BUSY);
    }

    @ParameterizedTest
    @CsvSource(value = {"done|invalid_contact_status", "busy,|invalid_contact_status", "BUSY|invalid_contact_status"}, delimiter = '|')
    void unknownStatusesAreRejected(String raw, String code) {
        assertThat(ContactQuery.parse(raw, null, null).getLeft().code()).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource({"0,invalid_page", "-1,invalid_page", "abc,invalid_page", "1.5,invalid_page", "99999999999,invalid_page",
            "2147483648,invalid_page"})
    void badPagesAreRejected(String page, String code) {
        assertThat(ContactQuery.parse(null, page, null).getLeft().code()).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource({"0", "501", "x", "99999999999999999999", "' '"})
    void badPageSizesAreRejected(String size) {
        assertThat(ContactQuery.parse(null, null, size).getLeft().code()).isEqualTo("invalid_page_size");
    }

    @Test
    void hasMoreAndPastTheEnd() {
        PageRequest p = new PageRequest(2, 10);
        assertThat(p.hasMore(21)).isTrue();
        assertThat(p.hasMore(20)).isFalse();
        assertThat(new PageRequest(5, 10).sizeOn(20)).isZero();
        assertThat(new PageRequest(3, 10).sizeOn(25)).isEqualTo(5);
        assertThat(new PageRequest(Integer.MAX_VALUE, 500).offset()).isEqualTo((long) (Integer.MAX_VALUE - 1) * 500);
    }

    @Test
    void progressFiguresFollowFromTheBreakdown() {
        StatusBreakdown b = StatusBreakdown.of(Map.of(ContactStatus.PENDING, 5L, ContactStatus.DIALING, 2L,
                ContactStatus.COMPLETED, 10L, ContactStatus.BUSY, 3L, ContactStatus.FAILED, 1L, ContactStatus.CANCELLED, 4L));
        Progress p = Progress.of(b);
        assertThat(p.totalContacts()).isEqualTo(25);
        assertThat(p.successfulCalls()).isEqualTo(10);
        assertThat(p.failedCalls()).isEqualTo(4);
        assertThat(p.contactsProcessed()).isEqualTo(18);
        assertThat(b.asMap().size()).isEqualTo(12);
    }

    @Test
    void baselineEtaExtrapolatesTheElapsedRate() {
        Progress p = Progress.of(StatusBreakdown.of(Map.of(ContactStatus.COMPLETED, 10L, ContactStatus.PENDING, 30L)));
        var eta = BaselineEta.estimate(JobStatus.RUNNING, Option.of(T0), p, T0.plusSeconds(100));
        assertThat(eta).contains(T0.plusSeconds(100 + 300));
    }

    @Test
    void noEtaUnlessRunningWithSomethingProcessed() {
        Progress none = Progress.of(StatusBreakdown.allPending(10));
        Progress some = Progress.of(StatusBreakdown.of(Map.of(ContactStatus.COMPLETED, 1L)));
        assertThat(BaselineEta.estimate(JobStatus.RUNNING, Option.of(T0), none, T0.plusSeconds(5))).isEmpty();
        assertThat(BaselineEta.estimate(JobStatus.PAUSED, Option.of(T0), some, T0.plusSeconds(5))).isEmpty();
        assertThat(BaselineEta.estimate(JobStatus.COMPLETED, Option.of(T0), some, T0.plusSeconds(5))).isEmpty();
    }
}
