package io.batchcall.application.port.in;

import io.batchcall.domain.contact.Conversation;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.paging.ContactQuery;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;

/**
 * A job-detail read, checked: whose job, and which page of which contacts — by status, and (CONTRACT §15) by last
 * disposition. Two requests that mean the same (no {@code contactsPage} and {@code contactsPage=1}, statuses or
 * dispositions in another order) are equal queries.
 */
public record DetailQuery(String organizationId, String batchJobId, ContactQuery contacts, SortedSet<String> dispositions) {

    /** At most this many dispositions in one filter. */
    public static final int MAX_DISPOSITIONS = 20;

    public DetailQuery(String organizationId, String batchJobId, ContactQuery contacts) {
        this(organizationId, batchJobId, contacts, TreeSet.empty());
    }

    /**
     * The query values as sent (an empty value counts as absent): {@code contactStatus} one status or a comma-separated
     * list, {@code contactsPage} ≥ 1, {@code contactsPageSize} 1–500 — else {@code invalid_contact_status},
     * {@code invalid_page}, {@code invalid_page_size}.
     */
    public static Either<BatchJobError, DetailQuery> parse(String organizationId, String batchJobId, String contactStatus,
                                                          String contactsPage, String contactsPageSize) {
        return parse(organizationId, batchJobId, contactStatus, null, contactsPage, contactsPageSize);
    }

    /** As {@link #parse(String, String, String, String, String)}, with {@code contactDisposition}: 1–20 dispositions, comma-separated. */
    public static Either<BatchJobError, DetailQuery> parse(String organizationId, String batchJobId, String contactStatus,
                                                          String contactDisposition, String contactsPage, String contactsPageSize) {
        return ContactQuery.parse(contactStatus, contactsPage, contactsPageSize).flatMap(q -> dispositions(contactDisposition)
                .map(d -> new DetailQuery(organizationId, batchJobId, q, d)));
    }

    private static Either<BatchJobError, SortedSet<String>> dispositions(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Either.right(TreeSet.empty());
        }
        String[] parts = raw.split(",", -1);
        if (parts.length > MAX_DISPOSITIONS) {
            return invalid("contactDisposition names at most " + MAX_DISPOSITIONS + " dispositions");
        }
        SortedSet<String> out = TreeSet.empty();
        for (String part : parts) {
            String d = part.trim();
            if (!Conversation.DISPOSITION.matcher(d).matches()) {
                return invalid("contactDisposition must be one or more dispositions (1-64 characters of a-z, 0-9 and _), comma-separated; got '"
                        + (d.length() > 70 ? d.substring(0, 70) + "…" : d) + "'");
            }
            out = out.add(d);
        }
        return Either.right(out);
    }

    private static <T> Either<BatchJobError, T> invalid(String message) {
        return Either.left(new BatchJobError.InvalidInput("invalid_contact_disposition", message));
    }
}
