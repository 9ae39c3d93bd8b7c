package io.batchcall.application.port.out;

import io.batchcall.domain.consent.Consent;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * An organization's consent records (CONTRACT §17), by number. A number is consented while its latest record is not
 * revoked; a grant for a consented number updates that record, for any other a new record is kept beside the revoked ones.
 */
public interface Consents {

    /** Records the consents (one per number: the last given wins); how many numbers were not consented before. */
    long grant(String organizationId, Collection<Consent> consents);

    /** The number's records, newest first (at most {@code limit}). */
    List<Consent> records(String organizationId, String phoneNumber, int limit);

    /** Revokes the number's consent at {@code at}; false when it had none in force. */
    boolean revoke(String organizationId, String phoneNumber, Instant at);

    /** Which of {@code phoneNumbers} are consented (one lookup per chunk, an index range each). */
    Set<String> consentedAmong(String organizationId, Collection<String> phoneNumbers);
}
