package io.batchcall.application.port.out;

import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.util.Map;
import java.util.Set;

/**
 * What conversations produced, as a store keeps it (CONTRACT §15): each contact's closed attempts, written in the
 * same step as the change that ends one; the job's contacts by last disposition, exact at all times (no scan); and
 * the contacts with given last dispositions, page by page.
 */
public interface ConversationRecords {

    /** The contact at this upload position of the job, if any. */
    Option<Contact> contact(String jobId, long seq);

    /** The contact's closed attempts, oldest first (attempts closed before this store kept them are not listed). */
    List<AttemptRecord> attempts(String jobId, long seq);

    /** A contact with its closed attempts and its latest waits, oldest first. */
    record History(Contact contact, List<AttemptRecord> attempts, List<io.batchcall.domain.job.ContactWait> waits) {
    }

    /** The contact, its closed attempts and its waits, read together (one read where the store can). */
    default Option<History> history(String jobId, long seq) {
        return contact(jobId, seq).map(c -> new History(c, attempts(jobId, seq), waits(jobId, seq)));
    }

    /** The contact's latest waits (at most {@link io.batchcall.domain.job.ContactWait#KEPT}), oldest first. */
    List<io.batchcall.domain.job.ContactWait> waits(String jobId, long seq);

    /**
     * Records waits the engine saw outside a claim (a provider's rate-limit refusal: {@code backoff}), each a wait of its
     * own; the claims record theirs in their own step.
     */
    void waited(String jobId, List<io.batchcall.domain.job.ContactWait> waits);

    /** The job's contacts by their last disposition; a disposition no contact has now is not listed. */
    Map<String, Long> dispositions(String jobId);

    /**
     * One page of the job's contacts whose last disposition is one of {@code dispositions} (and, when given, whose
     * status is one of {@code statuses}), in upload order, skipping {@code offset}; with how many match in all.
     */
    io.vavr.Tuple2<List<Contact>, Long> withDisposition(String jobId, Set<String> dispositions, Set<ContactStatus> statuses,
                                                       long offset, int limit);
}
