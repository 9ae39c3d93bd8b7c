package io.batchcall.application.port.out;

import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.paging.ContactQuery;
import io.vavr.collection.List;

/** Reading a job's contacts page by page. */
public interface ContactPages {

    /**
     * One page of the job's contacts matching the query's status filter, in upload order, given the
     * job's counts as just read (a store may use them to locate the page). Pages read while nothing
     * changes partition the matching contacts exactly.
     */
    List<Contact> contacts(JobSnapshot job, ContactQuery query);

    /** Up to {@code limit} contacts of the job after upload position {@code afterSeq}, in upload order (exports walk the job with it). */
    List<Contact> contactsAfter(String jobId, long afterSeq, int limit);
}
