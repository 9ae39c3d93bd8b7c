package io.batchcall.application.port.out;

import java.util.Map;

/** What the telephony side needs to place one attempt (CONTRACT §8). */
public record DialRequest(String organizationId, String batchJobId, String contactId, int attempt, String phoneNumber,
                          String fromPhoneNumberId, String agentId, Map<String, Object> contactData, String roomName) {
}
