package io.batchcall.adapter.http;

import io.batchcall.domain.error.BatchJobError;

/**
 * The one mapping of application errors to HTTP status codes (Java 17 has no pattern switch over the
 * sealed type; ApiErrorsTest checks every permitted subtype is mapped).
 */
final class ApiErrors {

    private ApiErrors() {
    }

    static int status(BatchJobError error) {
        if (error instanceof BatchJobError.JobNotFound || error instanceof BatchJobError.ContactNotFound) {
            return 404;
        }
        if (error instanceof BatchJobError.InvalidInput || error instanceof BatchJobError.InvalidStatus) {
            return 400;
        }
        if (error instanceof BatchJobError.StaleAttempt) {
            return 409;
        }
        throw new IllegalArgumentException("unmapped error " + error.getClass());
    }
}
