package io.batchcall.application.port.out;

import io.batchcall.domain.contact.Contact;

/**
 * The result of an atomic contact update; {@code duplicate} when the event key had been seen before;
 * {@code openContacts} is the number of the job's contacts still open after the update.
 */
public record ContactUpdate(Contact before, Contact after, boolean duplicate, long openContacts) {
}
