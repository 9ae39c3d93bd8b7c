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
        var b = s.breakdown();
        var stats = s.stats();
        long dialing = b.count(ContactStatus.DIALING);
        double inFlight = Math.max(0, (dialing * now.toEpochMilli() - stats.dialingSinceSum()) / 1000.0);
        var in = new CampaignEta.Inputs(now, b.count(ContactStatus.PENDING), b.count(ContactStatus.QUEUED), dialing, concurrency,
                stats.attemptsEnded(), stats.attemptMillis() / 1000.0, inFlight, stats.retryableOutcomes(),
                s.job().retryPolicy().maxAttempts(), s.job().retryPolicy().retryDelaySeconds(),
                // the queued contacts fall due by the latest time one was queued for (a retry's, or a callback's days ahead)
                b.count(ContactStatus.QUEUED) > 0 ? Option.of(java.time.Instant.ofEpochMilli(stats.latestDueMillis())) : Option.none(),
                share(s.job().callingWindow(), zoneCounts));
        return CampaignEta.estimate(in);
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
