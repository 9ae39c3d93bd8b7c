package io.batchcall.application.service;

import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.eta.CampaignEta;
import io.batchcall.domain.window.CallingWindow;
import io.batchcall.domain.window.ContactZones;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The inputs of {@link CampaignEta} from what a job snapshot holds. */
public final class Estimates {

    /** Window shares are computed per quarter hour (a window's edges fall on minutes; the estimate walks in 5-minute steps or more). */
    private static final long SLOT_SECONDS = 900;

    private Estimates() {
    }

    static Option<CampaignEta.Estimate> of(JobSnapshot s, int concurrency, Instant now, Map<String, Long> zoneCounts) {
        return of(s, concurrency, now, zoneCounts, CampaignEta.Work.UNKNOWN);
    }

    /** @param work what the store tells of the open contacts (each queued one's due time, the attempts each has left) */
    static Option<CampaignEta.Estimate> of(JobSnapshot s, int concurrency, Instant now, Map<String, Long> zoneCounts, CampaignEta.Work work) {
        var b = s.breakdown();
        var stats = s.stats();
        long dialing = b.count(ContactStatus.DIALING);
        double inFlight = Math.max(0, (dialing * now.toEpochMilli() - stats.dialingSinceSum()) / 1000.0);
        var in = new CampaignEta.Inputs(now, b.count(ContactStatus.PENDING), b.count(ContactStatus.QUEUED), dialing, concurrency,
                stats.attemptsEnded(), stats.attemptMillis() / 1000.0, inFlight, stats.retryableOutcomes(),
                s.job().retryPolicy().maxAttempts(), s.job().retryPolicy().retryDelaySeconds(),
                // the queued contacts fall due by the latest time one was queued for (a retry's, or a callback's days ahead)
                b.count(ContactStatus.QUEUED) > 0 ? Option.of(java.time.Instant.ofEpochMilli(stats.latestDueMillis())) : Option.none(),
                share(s.job().callingWindow(), zoneCounts), work);
        return CampaignEta.estimate(in);
    }

    /** The most queued contacts read for an estimate: a larger queue is known by this sample of it (in upload order). */
    static final int WORK_SAMPLE = 500;

    /**
     * What the store tells of a running job's open contacts: its queued ones (all, or the first {@link #WORK_SAMPLE}) with
     * when each falls due, and the attempts each contact in a call has left.
     */
    static CampaignEta.Work work(JobSnapshot s, io.batchcall.application.port.out.ContactPages pages) {
        var b = s.breakdown();
        java.util.List<CampaignEta.Waiting> queued = new java.util.ArrayList<>();
        if (b.count(ContactStatus.QUEUED) > 0) {
            pages.contacts(s, query(ContactStatus.QUEUED)).forEach(c -> queued.add(new CampaignEta.Waiting(
                    c.nextRetryAt().getOrElse(Instant.EPOCH), Math.max(1, c.maxAttempts() - c.attemptCount()))));
        }
        int[] dialing = b.count(ContactStatus.DIALING) == 0 ? new int[0]
                : pages.contacts(s, query(ContactStatus.DIALING)).toJavaStream().mapToInt(c -> Math.max(0, c.maxAttempts() - c.attemptCount())).toArray();
        return new CampaignEta.Work(queued, dialing);
    }

    private static io.batchcall.domain.paging.ContactQuery query(ContactStatus status) {
        return new io.batchcall.domain.paging.ContactQuery(io.vavr.collection.LinkedHashSet.of(status),
                new io.batchcall.domain.paging.PageRequest(1, WORK_SAMPLE));
    }

    /**
     * Quarter-hour shares already computed, per window and zone weights: a job's later reads (and other
     * jobs with the same window and zones) reuse them, so an estimate costs a few map lookups.
     */
    private static final Map<String, Map<Long, Double>> SHARES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The share of the job's contacts whose window is open at an instant (weights as at the create). */
    public static ToDoubleFunction<Instant> share(Option<CallingWindow> window, Map<String, Long> zoneCounts) {
        if (window.isEmpty() || zoneCounts.isEmpty()) {
            return t -> 1.0;
        }
        double total = zoneCounts.values().stream().mapToLong(Long::longValue).sum();
        if (SHARES.size() > 1000) {
            SHARES.clear();
        }
        Map<Long, Double> slots = SHARES.computeIfAbsent(window.get() + "|" + zoneCounts, k -> new java.util.concurrent.ConcurrentHashMap<>());
        if (slots.size() > 50_000) {
            slots.clear();
        }
        return t -> slots.computeIfAbsent(t.getEpochSecond() / SLOT_SECONDS, slot -> {
            Instant at = Instant.ofEpochSecond(slot * SLOT_SECONDS);
            double open = 0;
            for (var z : zoneCounts.entrySet()) {
                if (window.get().isOpen(at, ContactZones.parse(z.getKey()))) {
                    open += z.getValue();
                }
            }
            return total == 0 ? 0 : open / total;
        });
    }
}
