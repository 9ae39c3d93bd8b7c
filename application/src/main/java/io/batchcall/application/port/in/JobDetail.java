package io.batchcall.application.port.in;

import io.vavr.control.Option;
import java.time.Instant;

import io.batchcall.domain.contact.Contact;
import io.vavr.collection.List;

/**
 * The job-detail read: the job, one page of its contacts (with, in the same order, when each can next
 * be dialed: none when callable now or not waiting), and the paging figures.
 */
public record JobDetail(JobView view, List<Contact> contacts, List<Option<Instant>> nextCallableAt, long contactsTotal,
                        int contactsPage, int contactsPageSize, boolean contactsHasMore) {
}
