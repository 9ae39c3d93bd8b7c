package io.batchcall.application.port.in;

import io.batchcall.domain.contact.Contact;

/** The contact after a call event; {@code duplicate} when the same event had been recorded before. */
public record CallEventReceipt(Contact contact, boolean duplicate) {
}
