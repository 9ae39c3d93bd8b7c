package io.batchcall.domain.paging;

import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.Set;
import io.vavr.control.Either;

/**
 * The contact part of a job-detail request: an optional status filter (one status or a
 * comma-separated list) and a page. An empty filter means "all contacts".
 */
public record ContactQuery(Set<ContactStatus> statuses, PageRequest page) {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;

    public static Either<BatchJobError, ContactQuery> parse(String contactStatus, String contactsPage, String contactsPageSize) {
        return parseStatuses(contactStatus).flatMap(statuses ->
                PageRequest.parse(contactsPage, contactsPageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
                        .map(page -> new ContactQuery(statuses, page)));
    }

    public static ContactQuery all(PageRequest page) {
        return new ContactQuery(LinkedHashSet.empty(), page);
    }

    static Either<BatchJobError, Set<ContactStatus>> parseStatuses(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Either.right(LinkedHashSet.empty());
        }
        Set<ContactStatus> result = LinkedHashSet.empty();
        for (String part : raw.split(",", -1)) {
            String name = part.trim();
            var status = ContactStatus.fromWire(name);
            if (status.isEmpty()) {
                return Either.left(new BatchJobError.InvalidInput("invalid_contact_status",
                        "contactStatus must be one or more of pending, queued, dialing, completed, no_answer, busy, "
                                + "timeout, blocked, invalid_number, carrier_error, failed, cancelled; got '" + name + "'"));
            }
            result = result.add(status.get());
        }
        return Either.right(result);
    }

    /** Statuses in {@link ContactStatus} order (the order storage adapters expect). */
    public java.util.List<ContactStatus> statusList() {
        return statuses.toList().sorted().toJavaList();
    }
}
