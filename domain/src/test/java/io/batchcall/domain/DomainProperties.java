package io.batchcall.domain;

import io.batchcall.domain.contact.AttemptResult;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.eta.BaselineEta;
import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.job.RetryPolicy;
import io.batchcall.domain.paging.ContactQuery;
import io.batchcall.domain.paging.PageRequest;
import io.batchcall.domain.progress.Progress;
import io.batchcall.domain.progress.StatusBreakdown;
import io.vavr.control.Either;
import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DomainProperties {

    /** One thing that can happen to contact number {@code target}. */
    record Event(int target, int kind, ContactStatus outcome, int seconds) {
    }

    @Provide
    Arbitrary<List<Event>> events() {
        Arbitrary<Event> event = Combinators.combine(
                Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 4),
                Arbitraries.of(ContactStatus.values()),
                Arbitraries.integers().between(0, 900)).as(Event::new);
        return event.list().ofMaxSize(200);
    }

    @Property
    void anyEventSequenceKeepsTheFiguresConsistentAndTerminalContactsFrozen(@ForAll("events") List<Event> events,
                                                                           @ForAll @IntRange(min = 1, max = 10) int maxAttempts) {
        RetryPolicy policy = RetryPolicy.of(maxAttempts, List.of(ContactStatus.NO_ANSWER, ContactStatus.BUSY), 60).get();
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            contacts.add(Contact.pending(Contact.idFor("j", i + 1), "j", i + 1,
                    new io.batchcall.domain.contact.PhoneNumber("+1415555010" + i), Map.of(), maxAttempts));
        }
        StatusBreakdown breakdown = StatusBreakdown.allPending(10);
        Instant now = Fixtures.T0;
        for (Event e : events) {
            now = now.plusSeconds(e.seconds());
            Contact before = contacts.get(e.target());
            Either<?, Contact> after = switch (e.kind()) {
                case 0 -> before.dispatch(now, "room");
                case 1 -> before.finish(AttemptResult.of(e.outcome()), now, policy, true);
                case 2 -> before.cancel(now);
                case 3 -> before.connect(Option.of("r"));
                default -> before.abandon(now, "job failed");
            };
            if (after.isRight()) {
                Contact next = after.get();
                if (before.status().isTerminal()) {
                    throw new AssertionError("terminal contact moved: " + before.status() + " -> " + next.status());
                }
                assertThat(next.attemptCount()).isBetween(before.attemptCount(), maxAttempts);
                breakdown = breakdown.moved(before.status(), next.status());
                contacts.set(e.target(), next);
            }
            Progress p = Progress.of(breakdown);
            assertThat(p.totalContacts()).isEqualTo(10);
            assertThat(p.contactsProcessed()).isEqualTo(p.successfulCalls() + p.failedCalls() + breakdown.count(ContactStatus.CANCELLED));
            Map<ContactStatus, Long> recount = contacts.stream().collect(Collectors.groupingBy(Contact::status, Collectors.counting()));
            assertThat(breakdown).isEqualTo(StatusBreakdown.of(recount));
        }
    }

    @Property
    void pagesPartitionTheMatchingContacts(@ForAll @Size(max = 120) List<ContactStatus> statuses,
                                           @ForAll @IntRange(min = 1, max = 25) int pageSize,
                                           @ForAll @Size(max = 3) Set<ContactStatus> filter) {
        List<Integer> matching = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i++) {
            if (filter.isEmpty() || filter.contains(statuses.get(i))) {
                matching.add(i);
            }
        }
        List<Integer> seen = new ArrayList<>();
        int page = 1;
        while (true) {
            PageRequest p = new PageRequest(page, pageSize);
            int size = p.sizeOn(matching.size());
            int from = (int) Math.min(p.offset(), matching.size());
            seen.addAll(matching.subList(from, from + size));
            if (!p.hasMore(matching.size())) {
                assertThat(new PageRequest(page + 1, pageSize).sizeOn(matching.size())).isZero();
                break;
            }
            assertThat(size).isEqualTo(pageSize);
            page++;
        }
        assertThat(seen).isEqualTo(matching);
        assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
    }

    @Property
    void pageValidationAcceptsExactlyTheDocumentedRanges(@ForAll @LongRange(min = -1000, max = 3_000_000_000L) long page,
                                                         @ForAll @IntRange(min = -10, max = 1000) int size) {
        var parsed = ContactQuery.parse(null, Long.toString(page), Integer.toString(size));
        boolean pageOk = page >= 1 && page <= Integer.MAX_VALUE;
        boolean sizeOk = size >= 1 && size <= 500;
        assertThat(parsed.isRight()).isEqualTo(pageOk && sizeOk);
        if (!pageOk) {
            assertThat(parsed.getLeft().code()).isEqualTo("invalid_page");
        } else if (!sizeOk) {
            assertThat(parsed.getLeft().code()).isEqualTo("invalid_page_size");
        }
    }

    @Property
    void etaIsNeverBeforeNowAndAbsentWhenNothingIsProcessed(@ForAll @IntRange(min = 0, max = 1000) int done,
                                                            @ForAll @IntRange(min = 0, max = 1000) int open,
                                                            @ForAll @LongRange(min = -100_000, max = 10_000_000) long elapsedSeconds) {
        Progress p = Progress.of(StatusBreakdown.of(Map.of(ContactStatus.COMPLETED, (long) done, ContactStatus.PENDING, (long) open)));
        Instant now = Fixtures.T0.plusSeconds(elapsedSeconds);
        Option<Instant> eta = BaselineEta.estimate(JobStatus.RUNNING, Option.of(Fixtures.T0), p, now);
        if (done == 0) {
            assertThat(eta).isEmpty();
        } else {
            assertThat(eta.get()).isAfterOrEqualTo(now);
            if (open == 0) {
                assertThat(eta.get()).isEqualTo(now);
            }
        }
    }
}
