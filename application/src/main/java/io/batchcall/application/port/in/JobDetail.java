package io.batchcall.application.port.in;

import io.vavr.control.Option;
import java.time.Instant;

import io.batchcall.domain.contact.Contact;
import io.vavr.collection.List;

/**
 * The job-detail read: the job, one page of its contacts (with, in the same order, when each can next
 * be dialed: none when callable now or not waiting), and the paging figures; with its {@link DetailStamp}
 * when the store could version the read and the answer does not change with time alone for a while.
 */
public record JobDetail(JobView view, List<Contact> contacts, List<Option<Instant>> nextCallableAt, long contactsTotal,
                        int contactsPage, int contactsPageSize, boolean contactsHasMore, Option<DetailStamp> stamp, Pacing pacing,
                        java.util.Map<String, Long> dispositionBreakdown, java.util.Map<String, Long> regionBreakdown) {

    /** A detail without contacts per region (CONTRACT §17; a store that keeps no call groups). */
    public JobDetail(JobView view, List<Contact> contacts, List<Option<Instant>> nextCallableAt, long contactsTotal,
                     int contactsPage, int contactsPageSize, boolean contactsHasMore, Option<DetailStamp> stamp, Pacing pacing,
                     java.util.Map<String, Long> dispositionBreakdown) {
        this(view, contacts, nextCallableAt, contactsTotal, contactsPage, contactsPageSize, contactsHasMore, stamp, pacing, dispositionBreakdown,
                java.util.Map.of());
    }

    /** A detail whose job's contacts have no disposition (or whose store does not keep them). */
    public JobDetail(JobView view, List<Contact> contacts, List<Option<Instant>> nextCallableAt, long contactsTotal,
                     int contactsPage, int contactsPageSize, boolean contactsHasMore, Option<DetailStamp> stamp, Pacing pacing) {
        this(view, contacts, nextCallableAt, contactsTotal, contactsPage, contactsPageSize, contactsHasMore, stamp, pacing, java.util.Map.of());
    }

    /** A detail without pacing figures (a job that is not running: nothing paces it). */
    public JobDetail(JobView view, List<Contact> contacts, List<Option<Instant>> nextCallableAt, long contactsTotal,
                     int contactsPage, int contactsPageSize, boolean contactsHasMore, Option<DetailStamp> stamp) {
        this(view, contacts, nextCallableAt, contactsTotal, contactsPage, contactsPageSize, contactsHasMore, stamp, Pacing.IDLE);
    }

    public JobDetail(JobView view, List<Contact> contacts, List<Option<Instant>> nextCallableAt, long contactsTotal,
                     int contactsPage, int contactsPageSize, boolean contactsHasMore) {
        this(view, contacts, nextCallableAt, contactsTotal, contactsPage, contactsPageSize, contactsHasMore, Option.none());
    }
}
