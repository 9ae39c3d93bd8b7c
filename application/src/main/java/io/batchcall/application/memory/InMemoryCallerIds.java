package io.batchcall.application.memory;

import io.batchcall.application.port.out.CallerIds;
import io.batchcall.application.port.out.ClaimLimits;
import io.batchcall.domain.caller.CallerId;
import io.batchcall.domain.caller.CallerPool;
import io.batchcall.domain.caller.CallerState;
import io.batchcall.domain.caller.Lane;
import io.batchcall.domain.caller.Pacer;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Caller ids, their dial schedules and today's dials, in memory. Guarded by the owning store's lock: its claims read
 * and write the schedules under it, and every method here takes it.
 */
final class InMemoryCallerIds implements CallerIds {

    private final Object lock;
    private final java.util.function.ToLongFunction<String> organizationDialing;

    /** @param organizationDialing an organization's attempts in flight, as the store counts them (read under {@code lock}) */
    InMemoryCallerIds(Object lock, java.util.function.ToLongFunction<String> organizationDialing) {
        this.lock = lock;
        this.organizationDialing = organizationDialing;
    }

    private record Registration(CallerId callerId, Instant registeredAt) {
    }

    private final Map<String, TreeMap<String, Registration>> registered = new HashMap<>();
    /** The organization's lane under key {@code org + "\n"}, a caller id's under {@code org + "\n" + id}. */
    private final Map<String, Long> lanes = new HashMap<>();
    private final Map<String, long[]> days = new HashMap<>();
    private final Map<String, io.batchcall.domain.caller.Backoff> backoffs = new HashMap<>();

    static long day(Instant now) {
        return now.atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
    }

    @Override
    public boolean registerCallerId(CallerId callerId, Instant now) {
        synchronized (lock) {
            Registration before = registered.computeIfAbsent(callerId.organizationId(), o -> new TreeMap<>())
                    .put(callerId.id(), new Registration(callerId,
                            Option.of(registered.get(callerId.organizationId()).get(callerId.id())).map(Registration::registeredAt).getOrElse(now)));
            return before == null;
        }
    }

    @Override
    public Option<RegisteredCallerId> callerId(String organizationId, String id, Instant now) {
        synchronized (lock) {
            return Option.of(registered.getOrDefault(organizationId, new TreeMap<>()).get(id)).map(r -> view(r, now));
        }
    }

    @Override
    public List<RegisteredCallerId> callerIds(String organizationId, Instant now) {
        synchronized (lock) {
            return List.ofAll(registered.getOrDefault(organizationId, new TreeMap<>()).values()).map(r -> view(r, now));
        }
    }

    @Override
    public boolean removeCallerId(String organizationId, String id) {
        synchronized (lock) {
            TreeMap<String, Registration> org = registered.get(organizationId);
            return org != null && org.remove(id) != null;
        }
    }

    private RegisteredCallerId view(Registration r, Instant now) {
        String key = r.callerId().organizationId() + "\n" + r.callerId().id();
        Option<Instant> next = Option.of(lanes.get(key)).map(Pacer::instant).filter(t -> t.isAfter(now));
        return new RegisteredCallerId(r.callerId(), dialsToday(key, now), next, r.registeredAt(),
                Option.of(backoffs.get(key)).filter(b -> !b.overAt(limit(r.callerId()), Pacer.micros(now))));
    }

    private static double limit(CallerId c) {
        return c.callsPerSecond().getOrElse(io.batchcall.domain.caller.Backoff.ASSUMED_LIMIT);
    }

    @Override
    public void recordRefusal(String organizationId, String callerId, Instant now, java.time.Duration retryAfter) {
        synchronized (lock) {
            String key = organizationId + "\n" + callerId;
            Registration r = registered.getOrDefault(organizationId, new TreeMap<>()).get(callerId);
            double limit = r == null ? io.batchcall.domain.caller.Backoff.ASSUMED_LIMIT : limit(r.callerId());
            backoffs.put(key, io.batchcall.domain.caller.Backoff.refused(java.util.Optional.ofNullable(backoffs.get(key)), limit,
                    Pacer.micros(now), retryAfter.toNanos() / 1000));
        }
    }

    private long dialsToday(String key, Instant now) {
        long[] d = days.get(key);
        return d != null && d[0] == day(now) ? d[1] : 0;
    }

    @Override
    public PoolView poolView(String org, java.util.List<String> ids, Instant now) {
        synchronized (lock) {
            return poolView(org, ids, now, organizationDialing.applyAsLong(org));
        }
    }

    private PoolView poolView(String org, java.util.List<String> ids, Instant now, long organizationDialing) {
        java.util.Set<String> backingOff = new java.util.HashSet<>();
        java.util.List<RegisteredCallerId> regs = new java.util.ArrayList<>();
        TreeMap<String, Registration> all = registered.getOrDefault(org, new TreeMap<>());
        for (String id : ids) {
            Registration r = all.get(id);
            if (r != null) {
                regs.add(view(r, now));
            } else if (Option.of(backoffs.get(org + "\n" + id)).exists(b -> !b.overAt(io.batchcall.domain.caller.Backoff.ASSUMED_LIMIT, Pacer.micros(now)))) {
                backingOff.add(id);
            }
        }
        Option<Instant> orgNext = Option.of(lanes.get(org + "\n")).map(Pacer::instant).filter(t -> t.isAfter(now));
        return new PoolView(List.ofAll(regs), backingOff, orgNext, organizationDialing);
    }

    /** The pacing of one claim of {@code org}'s job dialing from {@code pool}. */
    Pacer pacer(String org, CallerPool pool, ClaimLimits limits, Instant now) {
        Option<Lane> orgLane = limits.organizationDialRate().map(rate -> new Lane(rate, lanes.getOrDefault(org + "\n", Long.MIN_VALUE / 2)));
        Map<String, CallerState> callers = new HashMap<>();
        TreeMap<String, Registration> regs = registered.getOrDefault(org, new TreeMap<>());
        for (String id : pool.ids()) {
            Registration r = regs.get(id);
            String key = org + "\n" + id;
            Option<Lane> lane = r == null ? Option.none()
                    : r.callerId().callsPerSecond().map(rate -> new Lane(rate, lanes.getOrDefault(key, Long.MIN_VALUE / 2)));
            CallerState state = new CallerState(id, Option.of(r).map(Registration::callerId), dialsToday(key, now), lane,
                    Option.of(backoffs.get(key)));
            callers.put(id, state.at(Pacer.micros(now), lanes.getOrDefault(key, Long.MIN_VALUE / 2)));
        }
        if (orgLane.isEmpty() && pool.isSingle() && callers.values().stream().allMatch(c -> c.registered().isEmpty() && c.lane().isEmpty())) {
            return Pacer.unlimited(pool, now);
        }
        return new Pacer(pool, orgLane, callers, now, limits.horizon());
    }

    /** Keeps what a claim's grants moved: the schedules, and today's dials of each id that dialed. */
    void commit(String org, Pacer pacer, Instant now) {
        pacer.orgLane().forEach(l -> lanes.put(org + "\n", l.nextAtMicros()));
        long today = day(now);
        pacer.callers().forEach((id, state) -> {
            String key = org + "\n" + id;
            state.lane().forEach(l -> lanes.put(key, l.nextAtMicros()));
            long added = pacer.granted().getOrDefault(id, 0L);
            if (added > 0) {
                long[] d = days.get(key);
                days.put(key, d != null && d[0] == today ? new long[] {today, d[1] + added} : new long[] {today, added});
            }
        });
    }
}
