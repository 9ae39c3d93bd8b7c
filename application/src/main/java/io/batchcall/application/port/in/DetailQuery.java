package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.paging.ContactQuery;
import io.vavr.control.Either;

/**
 * A job-detail read, checked: whose job, and which page of which contacts. Two requests that mean the same
 * (no {@code contactsPage} and {@code contactsPage=1}, statuses in another order) are equal queries.
 */
public record DetailQuery(String organizationId, String batchJobId, ContactQuery contacts) {

    /**
     * The query values as sent (an empty value counts as absent): {@code contactStatus} one status or a comma-separated
     * list, {@code contactsPage} ≥ 1, {@code contactsPageSize} 1–500 — else {@code invalid_contact_status},
     * {@code invalid_page}, {@code invalid_page_size}.
     */
    public static Either<BatchJobError, DetailQuery> parse(String organizationId, String batchJobId, String contactStatus,
                                                          String contactsPage, String contactsPageSize) {
        return ContactQuery.parse(contactStatus, contactsPage, contactsPageSize).map(q -> new DetailQuery(organizationId, batchJobId, q));
    }
}
