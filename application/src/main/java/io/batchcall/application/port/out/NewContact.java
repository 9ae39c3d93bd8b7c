package io.batchcall.application.port.out;

import io.batchcall.domain.contact.PhoneNumber;

import java.util.Map;

/** A validated row of an upload, ready to store; {@code seq} is its 1-based position among the stored contacts. */
public record NewContact(long seq, PhoneNumber phone, Map<String, Object> contactData) {
}
