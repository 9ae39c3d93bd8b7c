package io.batchcall.domain.contact;

/** Why a contact transition was refused. */
public sealed interface ContactRejection {

    String describe();

    /** The transition does not start from the contact's current status. */
    record IllegalTransition(ContactStatus from, String action) implements ContactRejection {
        public String describe() {
            return "cannot " + action + " a contact that is " + from.wire();
        }
    }

    /** Dispatch refused: every allowed attempt has been made. */
    record AttemptsExhausted(int attemptCount, int maxAttempts) implements ContactRejection {
        public String describe() {
            return "all " + maxAttempts + " attempts used";
        }
    }

    /** Dispatch refused: a queued contact whose retry time has not come. */
    record NotDue(java.time.Instant nextRetryAt) implements ContactRejection {
        public String describe() {
            return "retry not due before " + nextRetryAt;
        }
    }

    /** An outcome that is not one of the eight attempt outcomes. */
    record NotAnOutcome(ContactStatus status) implements ContactRejection {
        public String describe() {
            return status.wire() + " is not an attempt outcome";
        }
    }
}
