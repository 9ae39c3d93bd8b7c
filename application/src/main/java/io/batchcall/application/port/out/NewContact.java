package io.batchcall.application.port.out;

import io.vavr.control.Option;

import io.batchcall.domain.contact.PhoneNumber;

import java.time.Instant;
import java.util.Map;

/**
 * A validated row of an upload, ready to store; {@code seq} is its 1-based position among the stored
 * contacts; {@code timezone} the zone(s) it is called in ({@code A&B}); {@code expiresAt} when it expires if not dialed
 * by then (CONTRACT §16).
 */
public record NewContact(long seq, PhoneNumber phone, Map<String, Object> contactData, Option<String> timezone, Option<Instant> expiresAt) {

    public NewContact(long seq, PhoneNumber phone, Map<String, Object> contactData, Option<String> timezone) {
        this(seq, phone, contactData, timezone, Option.none());
    }

    public NewContact(long seq, PhoneNumber phone, Map<String, Object> contactData) {
        this(seq, phone, contactData, Option.none());
    }
}
