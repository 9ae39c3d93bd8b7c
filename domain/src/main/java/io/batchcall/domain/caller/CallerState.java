package io.batchcall.domain.caller;

import io.vavr.control.Option;

/**
 * One caller id of a pool as a claim sees it: its registration (none: an id no one registered, dialed without limits),
 * its dials today (UTC), and its rate schedule (none: no {@code callsPerSecond}).
 */
public record CallerState(String id, Option<CallerId> registered, long dialsToday, Option<Lane> lane) {

    public boolean rests() {
        return registered.exists(r -> r.restsAfter(dialsToday));
    }

    public boolean freeBy(long latestMicros) {
        return !rests() && lane.forAll(l -> l.freeBy(latestMicros));
    }

    CallerState after(long sentAtMicros) {
        return new CallerState(id, registered, dialsToday + 1, lane.map(l -> l.after(sentAtMicros)));
    }
}
