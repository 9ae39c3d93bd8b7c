package io.batchcall.domain.caller;

import io.vavr.control.Option;

/**
 * One caller id of a pool as a claim sees it: its registration (none: an id no one registered, dialed without limits),
 * its dials today (UTC), its rate schedule (none: no limit), and its back-off after a provider's rate-limit refusal.
 */
public record CallerState(String id, Option<CallerId> registered, long dialsToday, Option<Lane> lane, Option<Backoff> backoff) {

    public CallerState(String id, Option<CallerId> registered, long dialsToday, Option<Lane> lane) {
        this(id, registered, dialsToday, lane, Option.none());
    }

    /** The id's own limit: its {@code callsPerSecond}, or, once it was refused, the rate assumed for an id without one. */
    public double limit() {
        return registered.flatMap(CallerId::callsPerSecond).getOrElse(Backoff.ASSUMED_LIMIT);
    }

    /**
     * This id as paced at {@code nowMicros}: with a back-off, its lane runs at the backed-off rate (an id without a
     * limit gets a lane while it backs off); a back-off back at the limit is dropped.
     */
    public CallerState at(long nowMicros, long laneNextAtMicros) {
        if (backoff.isEmpty() || backoff.get().overAt(limit(), nowMicros)) {
            return new CallerState(id, registered, dialsToday, lane, Option.none());
        }
        double rate = backoff.get().effective(limit(), nowMicros);
        Lane paced = lane.map(l -> l.at(rate)).getOrElse(() -> new Lane(rate, laneNextAtMicros));
        return new CallerState(id, registered, dialsToday, Option.some(paced), backoff);
    }

    public boolean rests() {
        return registered.exists(r -> r.restsAfter(dialsToday));
    }

    public boolean freeBy(long latestMicros) {
        return !rests() && lane.forAll(l -> l.freeBy(latestMicros));
    }

    CallerState after(long sentAtMicros) {
        return new CallerState(id, registered, dialsToday + 1, lane.map(l -> l.after(sentAtMicros)), backoff);
    }
}
