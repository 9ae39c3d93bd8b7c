package io.batchcall.application.port.out;

import io.vavr.control.Option;

import io.batchcall.domain.contact.PhoneNumber;

import java.time.Instant;
import java.util.Map;

/**
 * A validated row of an upload, ready to store; {@code seq} is its 1-based position among the stored
 * contacts; {@code timezone} the zone(s) it is called in ({@code A&B}); {@code expiresAt} when it expires if not dialed
 * by then (CONTRACT §16); {@code priority} as uploaded, none when the row gave none (the default, 0).
 */
public record NewContact(long seq, PhoneNumber phone, Map<String, Object> contactData, Option<String> timezone, Option<Instant> expiresAt,
                         Option<Integer> priority) {

    public NewContact(long seq, PhoneNumber phone, Map<String, Object> contactData, Option<String> timezone, Option<Instant> expiresAt) {
        this(seq, phone, contactData, timezone, expiresAt, Option.none());
    }

    /** The priority claims order it by (CONTRACT §16). */
    public int priorityOrDefault() {
        return priority.getOrElse(io.batchcall.domain.contact.Priority.DEFAULT);
    }

    /** The same row renumbered (an add places its rows after the job's last contact). */
    public NewContact at(long newSeq) {
        return new NewContact(newSeq, phone, contactData, timezone, expiresAt, priority);
    }

    public NewContact(long seq, PhoneNumber phone, Map<String, Object> contactData, Option<String> timezone) {
        this(seq, phone, contactData, timezone, Option.none());
    }

    public NewContact(long seq, PhoneNumber phone, Map<String, Object> contactData) {
        this(seq, phone, contactData, Option.none());
    }
}
