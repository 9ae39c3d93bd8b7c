package io.batchcall.domain.error;

/**
 * Every expected way a request about batch jobs can be refused. The HTTP adapter maps this
 * sealed type, in one exhaustive switch, to a status and the documented {@code error.code}.
 */
public sealed interface BatchJobError {

    /** Machine-readable code as documented in docs/errors.md. */
    String code();

    /** Human-readable explanation. */
    String message();

    /** The job does not exist, or belongs to another organization (indistinguishable on purpose). */
    record JobNotFound(String batchJobId) implements BatchJobError {
        public String code() { return "job_not_found"; }
        public String message() { return "Batch job " + batchJobId + " not found"; }
    }

    /** The contact does not exist in that job. */
    record ContactNotFound(String contactId) implements BatchJobError {
        public String code() { return "contact_not_found"; }
        public String message() { return "Contact " + contactId + " not found in this batch job"; }
    }

    /** A request field or query parameter is missing or malformed. */
    record InvalidInput(String code, String message) implements BatchJobError { }

    /** The action is not allowed in the job's (or contact's) current status. */
    record InvalidStatus(String code, String message) implements BatchJobError {
        public static InvalidStatus of(String action, String current) {
            return new InvalidStatus("invalid_status", "Cannot " + action + " a job that is " + current);
        }
    }

    /** A call event refers to an attempt that is not (or no longer) the contact's open one. */
    record StaleAttempt(String message) implements BatchJobError {
        public String code() { return "stale_attempt"; }
    }
}
