package io.batchcall.application.port.in;

import io.batchcall.domain.contact.Contact;
import io.vavr.collection.List;

/** The job-detail read: the job, one page of its contacts, and the paging figures. */
public record JobDetail(JobView view, List<Contact> contacts, long contactsTotal, int contactsPage,
                        int contactsPageSize, boolean contactsHasMore) {
}
