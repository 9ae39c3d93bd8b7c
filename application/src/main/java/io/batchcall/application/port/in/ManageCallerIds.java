package io.batchcall.application.port.in;

import io.batchcall.application.port.out.CallerIds.RegisteredCallerId;
import io.batchcall.domain.caller.CallerId;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;

/** An organization's caller ids (CONTRACT §14): register (or change), list with today's dials and state, remove. */
public interface ManageCallerIds {

    /** What a caller id is doing now. */
    enum State {
        ACTIVE("active"), RESTING("resting"), BACKING_OFF("backing_off");

        private final String wire;

        State(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** A caller id as shown: its registration and counts, its state, and until when that state holds (none: active). */
    record Shown(RegisteredCallerId callerId, State state, Option<Instant> until) {
    }

    /** The outcome of a register: the id as now shown, and whether it was new (201) or changed (200). */
    record Registered(Shown callerId, boolean created) {
    }

    /** Registers {@code callerId} (built by {@link CallerId#of}, which checks it), or replaces its number and limits. */
    Either<BatchJobError, Registered> register(CallerId callerId);

    Either<BatchJobError, List<Shown>> list(String organizationId);

    /** One id; {@code caller_id_not_found} when the organization registered none by that id. */
    Either<BatchJobError, Shown> get(String organizationId, String id);

    /** Removes the registration: jobs naming the id dial it as before, without its limits. */
    Either<BatchJobError, String> remove(String organizationId, String id);
}
