package io.batchcall.application.service;

import io.batchcall.application.port.in.ManageCallerIds;
import io.batchcall.application.port.out.CallerIds;
import io.batchcall.application.port.out.CallerIds.RegisteredCallerId;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.caller.CallerId;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;
import java.time.ZoneOffset;

/** The caller-id registry's use cases; a resting id rests until the next UTC midnight. */
public final class CallerIdService implements ManageCallerIds {

    private final CallerIds callerIds;
    private final TimeSource time;

    public CallerIdService(CallerIds callerIds, TimeSource time) {
        this.callerIds = callerIds;
        this.time = time;
    }

    @Override
    public Either<BatchJobError, Registered> register(CallerId callerId) {
        Instant now = time.now();
        boolean created = callerIds.registerCallerId(callerId, now);
        return callerIds.callerId(callerId.organizationId(), callerId.id(), now)
                .map(r -> new Registered(shown(r, now), created))
                .toEither(() -> new BatchJobError.NotFound("caller_id_not_found", "Caller id " + callerId.id() + " was removed meanwhile"));
    }

    @Override
    public Either<BatchJobError, List<Shown>> list(String organizationId) {
        Instant now = time.now();
        return Either.right(callerIds.callerIds(organizationId, now).map(r -> shown(r, now)));
    }

    @Override
    public Either<BatchJobError, Shown> get(String organizationId, String id) {
        Instant now = time.now();
        return callerIds.callerId(organizationId, id, now).map(r -> shown(r, now)).toEither(() -> notFound(id));
    }

    @Override
    public Either<BatchJobError, String> remove(String organizationId, String id) {
        return callerIds.removeCallerId(organizationId, id) ? Either.right(id) : Either.left(notFound(id));
    }

    private static BatchJobError notFound(String id) {
        return new BatchJobError.NotFound("caller_id_not_found", "No caller id " + io.batchcall.domain.contact.Texts.truncate(id, 200)
                + " is registered");
    }

    static Shown shown(RegisteredCallerId r, Instant now) {
        if (r.callerId().restsAfter(r.dialsToday())) {
            Instant midnight = now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            return new Shown(r, State.RESTING, Option.of(midnight));
        }
        if (r.backoff().isDefined()) {
            double limit = r.callerId().callsPerSecond().getOrElse(io.batchcall.domain.caller.Backoff.ASSUMED_LIMIT);
            return new Shown(r, State.BACKING_OFF, Option.of(io.batchcall.domain.caller.Pacer.instant(r.backoff().get().recoveredAtMicros(limit))));
        }
        return new Shown(r, State.ACTIVE, Option.none());
    }
}
