package io.batchcall.domain.caller;

import io.batchcall.domain.contact.Contact;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pacing for one claim (CONTRACT §14): which caller id of the job's pool each dial uses and when it may be sent, under
 * the organization's dial rate and each caller id's {@code callsPerSecond} and {@code dailyCap}. The store loads the
 * lanes and counts for the organization (under the claim's lock, so engines take turns), the claim asks
 * {@link #grant} for each candidate, and the store writes back {@link #orgLane()} and {@link #callers()}.
 *
 * <p>A grant's send time is at most {@code horizon} (the dispatcher's period) after {@code now}: a claim takes no
 * more than the lanes free by then, so a contact held back by pacing is never read ({@link #exhausted}).
 */
public final class Pacer {

    private final CallerPool pool;
    private final long nowMicros;
    private final long latestMicros;
    private final Instant now;
    private Option<Lane> org;
    private final Map<String, CallerState> callers;
    private final boolean limited;
    private final Map<String, Long> granted = new LinkedHashMap<>();

    /**
     * @param orgLane the organization's schedule (none: no {@code BATCHCALL_DIAL_RATE})
     * @param callers the pool's ids as the store knows them (an id missing here dials without limits)
     */
    public Pacer(CallerPool pool, Option<Lane> orgLane, Map<String, CallerState> callers, Instant now, Duration horizon) {
        this.pool = pool;
        this.now = now;
        this.nowMicros = micros(now);
        this.latestMicros = nowMicros + horizon.toNanos() / 1000;
        this.org = orgLane;
        this.callers = new LinkedHashMap<>();
        for (String id : pool.ids()) {
            this.callers.put(id, callers.getOrDefault(id, new CallerState(id, Option.none(), 0, Option.none())));
        }
        this.limited = orgLane.isDefined() || this.callers.values().stream().anyMatch(c -> c.registered().isDefined() || c.lane().isDefined());
    }

    /** No limit anywhere: every dial now, from the job's own id. */
    public static Pacer unlimited(CallerPool pool, Instant now) {
        return new Pacer(pool, Option.none(), Map.of(), now, Duration.ZERO);
    }

    public static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }

    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
    }

    /** Whether no further dial can be granted in this claim: the organization's lane or every caller id is taken. */
    public boolean exhausted() {
        if (org.exists(l -> !l.freeBy(latestMicros))) {
            return true;
        }
        return callers.values().stream().noneMatch(c -> c.freeBy(latestMicros));
    }

    /**
     * The caller id and send time for a dial to {@code contact}, or none if it must wait: its sticky caller id is taken
     * (it keeps the number of its first attempt while that number can dial), or no id of the pool is free.
     */
    public Option<Grant> grant(Contact contact) {
        if (!limited && pool.isSingle()) {
            return Option.some(new Grant(Option.some(pool.primary()), now));
        }
        if (org.exists(l -> !l.freeBy(latestMicros))) {
            return Option.none();
        }
        CallerState chosen = null;
        if (pool.sticky() && contact.callerId().isDefined() && callers.containsKey(contact.callerId().get())) {
            CallerState own = callers.get(contact.callerId().get());
            if (!own.rests()) {
                if (!own.freeBy(latestMicros)) {
                    return Option.none();
                }
                chosen = own;
            }
        }
        if (chosen == null) {
            chosen = pick(contact);
        }
        if (chosen == null) {
            return Option.none();
        }
        long sendAt = nowMicros;
        if (org.isDefined()) {
            sendAt = Math.max(sendAt, org.get().nextAtMicros());
        }
        if (chosen.lane().isDefined()) {
            sendAt = Math.max(sendAt, chosen.lane().get().nextAtMicros());
        }
        long at = sendAt;
        // the tighter of the two schedules this dial keeps: the one its send must stay spaced on if it goes out late
        long orgSpacing = org.map(Lane::spacingMicros).getOrElse(0L);
        long callerSpacing = chosen.lane().map(Lane::spacingMicros).getOrElse(0L);
        String lane = orgSpacing >= callerSpacing ? "org" : "id:" + chosen.id();
        long spacing = Math.max(orgSpacing, callerSpacing);
        org = org.map(l -> l.after(at));
        callers.put(chosen.id(), chosen.after(at));
        granted.merge(chosen.id(), 1L, Long::sum);
        return Option.some(new Grant(Option.some(chosen.id()), instant(at), spacing, lane));
    }

    /**
     * Why {@link #grant} would refuse {@code contact} now, as a wait reason (CONTRACT §15), asked once it refused: the organization's rate
     * ({@code org_rate}); every number it may use resting at its daily cap ({@code daily_cap}); a number it may use backing
     * off after a refusal ({@code backoff}); else the numbers' rates ({@code caller_id_rate}).
     */
    public String whyNot(Contact contact) {
        if (org.exists(l -> !l.freeBy(latestMicros))) {
            return io.batchcall.domain.job.ContactWait.ORG_RATE;
        }
        java.util.Collection<CallerState> usable = pool.sticky() && contact.callerId().isDefined() && callers.containsKey(contact.callerId().get())
                && !callers.get(contact.callerId().get()).rests() ? java.util.List.of(callers.get(contact.callerId().get())) : callers.values();
        if (!usable.isEmpty() && usable.stream().allMatch(CallerState::rests)) {
            return io.batchcall.domain.job.ContactWait.DAILY_CAP;
        }
        if (usable.stream().anyMatch(c -> !c.rests() && c.backoff().isDefined())) {
            return io.batchcall.domain.job.ContactWait.BACKOFF;
        }
        return io.batchcall.domain.job.ContactWait.CALLER_ID_RATE;
    }

    private CallerState pick(Contact contact) {
        CallerState best = null;
        int bestCloseness = -1;
        for (CallerState c : callers.values()) {
            if (!c.freeBy(latestMicros)) {
                continue;
            }
            int closeness = pool.selection() == CallerSelection.ROUND_ROBIN ? 0
                    : c.registered().map(r -> Geography.closeness(contact.phoneNumber(), r.phoneNumber().value())).getOrElse(0);
            if (best == null || closeness > bestCloseness || (closeness == bestCloseness && c.dialsToday() < best.dialsToday())) {
                best = c;
                bestCloseness = closeness;
            }
        }
        return best;
    }

    /** Dials granted in this claim, by caller id (to add to today's counts). */
    public Map<String, Long> granted() {
        return granted;
    }

    /** Whether this claim is paced at all (a rate, a registered id, or a pool to choose from). */
    public boolean paces() {
        return limited || !pool.isSingle();
    }

    /** The organization's schedule after the grants (to write back). */
    public Option<Lane> orgLane() {
        return org;
    }

    /** The pool's ids after the grants: lanes and dials today (to write back). */
    public Map<String, CallerState> callers() {
        return callers;
    }
}
