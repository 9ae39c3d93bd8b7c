package io.batchcall.domain.error;

/**
 * Every expected way a request about batch jobs can be refused. The HTTP adapter maps this
 * sealed type, in one exhaustive switch, to a status and the documented {@code error.code}.
 */
public sealed interface BatchJobError {

    /** Machine-readable code as documented in docs/api.md. */
    String code();

    /** What kind of refusal this is; the HTTP adapter maps each kind to one status in an exhaustive switch. */
    Kind kind();

    /** The kinds of refusal. */
    enum Kind {
        /** Nothing of that id that the caller may see. */
        NOT_FOUND,
        /** The request itself is wrong (a field, a parameter, the action in this status). */
        INVALID,
        /** The request conflicts with what happened meanwhile (a stale attempt, a reused key). */
        CONFLICT
    }

    /** Human-readable explanation. */
    String message();

    /** The job does not exist, or belongs to another organization (indistinguishable on purpose). */
    record JobNotFound(String batchJobId) implements BatchJobError {
        public String code() { return "job_not_found"; }
        public String message() { return "Batch job " + batchJobId + " not found"; }
        public Kind kind() { return Kind.NOT_FOUND; }
    }

    /** The contact does not exist in that job. */
    record ContactNotFound(String contactId) implements BatchJobError {
        public String code() { return "contact_not_found"; }
        public String message() { return "Contact " + contactId + " not found in this batch job"; }
        public Kind kind() { return Kind.NOT_FOUND; }
    }

    /** A request field or query parameter is missing or malformed. */
    record InvalidInput(String code, String message) implements BatchJobError {
        public Kind kind() { return Kind.INVALID; }
    }

    /**
     * A create (or retry) where every row was skipped: how many for each reason, and the first rows
     * skipped, so the caller sees what went wrong without a dry run.
     */
    record NoValidContacts(String message, java.util.Map<String, Long> skippedByReason, java.util.List<Skipped> firstSkipped)
            implements BatchJobError {
        /** The most rows listed in the error. */
        public static final int LISTED = 5;

        public NoValidContacts {
            skippedByReason = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(skippedByReason));
            firstSkipped = java.util.List.copyOf(firstSkipped);
        }

        public String code() { return "no_valid_contacts"; }

        public Kind kind() { return Kind.INVALID; }

        /** One skipped row: its number (1 = the first data row), the value given as phone, the reason. */
        public record Skipped(long row, String value, String reason) {
        }
    }

    /** The action is not allowed in the job's (or contact's) current status. */
    record InvalidStatus(String code, String message) implements BatchJobError {
        public static InvalidStatus of(String action, String current) {
            return new InvalidStatus("invalid_status", "Cannot " + action + " a job that is " + current);
        }

        public Kind kind() { return Kind.INVALID; }
    }

    /** A number asked to be removed from a suppression list is not on it. */
    record NotSuppressed(String phoneNumber) implements BatchJobError {
        public String code() { return "not_suppressed"; }
        public String message() { return phoneNumber + " is not on the suppression list"; }
        public Kind kind() { return Kind.NOT_FOUND; }
    }

    /** The request conflicts with an earlier one (e.g. an idempotency key reused with another body). */
    /** Something other than a job or contact that does not exist, or is another organization's (webhook_not_found, …). */
    record NotFound(String code, String message) implements BatchJobError {
        public Kind kind() { return Kind.NOT_FOUND; }
    }

    record Conflict(String code, String message) implements BatchJobError {
        public Kind kind() { return Kind.CONFLICT; }
    }

    /** A call event refers to an attempt that is not (or no longer) the contact's open one. */
    record StaleAttempt(String message) implements BatchJobError {
        public String code() { return "stale_attempt"; }
        public Kind kind() { return Kind.CONFLICT; }
    }
}
