package io.batchcall.adapter.http.edge;

import io.batchcall.domain.error.BatchJobError;

/**
 * The one mapping of application errors to HTTP status codes: an exhaustive switch over the error's
 * kind, so a new kind does not compile until it is mapped (and can never become a 500).
 */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static int status(BatchJobError error) {
        return switch (error.kind()) {
            case NOT_FOUND -> 404;
            case INVALID -> 400;
            case CONFLICT -> 409;
        };
    }
}
