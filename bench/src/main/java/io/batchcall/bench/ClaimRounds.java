package io.batchcall.bench;

import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.port.in.CallEvent;
import io.batchcall.application.port.in.JobAction;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.port.out.DialResult;
import io.batchcall.application.port.out.Dialer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The claim rate of one running job against another's on the same engine (no HTTP, a manual clock, a zero-latency
 * dialer): each measured alone — the other paused — in interleaved rounds whose order alternates; round 0 warms both
 * and is dropped; the median of the per-round ratios is the figure. One-round versions swung from 51 % to 314 % with
 * the order of measurement and the caches.
 */
final class ClaimRounds {

    /** A job under measurement: its organization and id. */
    record Job(String org, String id) {
    }

    /** What the rounds measured: the ratios (sorted) and each job's attempts per second per round. */
    record Result(List<Double> ratios, List<Double> measured, List<Double> baseline) {
        double median() {
            return ratios.get(ratios.size() / 2);
        }

        String note() {
            return String.format(Locale.ROOT, "per-round ratios (sorted) %s; measured %s attempts/s, baseline %s",
                    ratios.stream().map(r -> String.format(Locale.ROOT, "%.0f %%", 100 * r)).toList(),
                    measured.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList(),
                    baseline.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList());
        }
    }

    /** A zero-latency telephony side: every dial is accepted and ended "completed" at the next step. */
    static final class Floor implements Dialer {
        private final List<DialRequest> placed = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<DialResult> dial(DialRequest r) {
            placed.add(r);
            return CompletableFuture.completedFuture(DialResult.accepted());
        }

        synchronized List<DialRequest> drain() {
            List<DialRequest> copy = List.copyOf(placed);
            placed.clear();
            return copy;
        }
    }

    private ClaimRounds() {
    }

    /** {@code measured}'s claim rate over {@code baseline}'s, {@code rounds} rounds of {@code perRound} attempts each. */
    static Result compare(BatchCallEngine engine, Floor floor, Job measured, Job baseline, int rounds, int perRound) {
        return compare(engine, floor, measured, engine, floor, baseline, rounds, perRound);
    }

    /**
     * As {@link #compare(BatchCallEngine, Floor, Job, Job, int, int)}, each job claimed by its own engine over one store (the
     * engines differ in their settings: the one measured runs under what is measured).
     */
    static Result compare(BatchCallEngine engine, Floor floor, Job measured, BatchCallEngine baseEngine, Floor baseFloor, Job baseline,
                          int rounds, int perRound) {
        List<Double> ratios = new ArrayList<>();
        List<Double> measuredRates = new ArrayList<>();
        List<Double> baselineRates = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            boolean measuredFirst = round % 2 == 1;
            double m = 0;
            double b = 0;
            for (int leg = 0; leg < 2; leg++) {
                if ((leg == 0) == measuredFirst) {
                    engine.jobs.act(JobAction.pause(baseline.org(), baseline.id()));
                    engine.jobs.act(JobAction.resume(measured.org(), measured.id()));
                    m = claimRate(engine, floor, measured.id(), perRound);
                } else {
                    engine.jobs.act(JobAction.pause(measured.org(), measured.id()));
                    baseEngine.jobs.act(JobAction.resume(baseline.org(), baseline.id())); // a refused no-op while it runs already
                    b = claimRate(baseEngine, baseFloor, baseline.id(), perRound);
                }
            }
            if (round > 0) {
                ratios.add(m / b);
                measuredRates.add(m);
                baselineRates.add(b);
            }
        }
        Collections.sort(ratios);
        return new Result(ratios, measuredRates, baselineRates);
    }

    /** Passes until {@code attempts} dials of {@code job} were placed (each ended at once, in bulk); attempts per second. */
    static double claimRate(BatchCallEngine engine, Floor floor, String job, int attempts) {
        int done = 0;
        long t = System.nanoTime();
        while (done < attempts) {
            engine.dispatcher.tick();
            done += endAll(engine, floor, job);
        }
        return attempts / ((System.nanoTime() - t) / 1e9);
    }

    /**
     * Ends every placed dial "completed", reported in bulk per organization as the simulated dialer does (ADR 4); how
     * many were {@code countedJob}'s.
     */
    static int endAll(BatchCallEngine engine, Floor floor, String countedJob) {
        Map<String, List<CallEvent>> byOrg = new java.util.HashMap<>();
        int counted = 0;
        for (DialRequest r : floor.drain()) {
            if (r.batchJobId().equals(countedJob)) {
                counted++;
            }
            byOrg.computeIfAbsent(r.organizationId(), k -> new ArrayList<>())
                    .add(CallEvent.of(r.batchJobId(), r.contactId(), r.attempt(), "ended", "completed", null, 1, null, null).get());
        }
        byOrg.forEach((o, events) -> engine.callEvents.recordAll(o, io.vavr.collection.List.ofAll(events)));
        return counted;
    }
}
