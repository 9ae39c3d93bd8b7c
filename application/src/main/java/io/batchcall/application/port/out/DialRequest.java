package io.batchcall.application.port.out;

import java.util.Map;

/**
 * What the telephony side needs to place one attempt (CONTRACT §8). {@code machineAnswerOutcome}: the job's
 * rule for a call answered by a machine ({@code completed} or {@code no_answer}); null: the server's.
 */
public record DialRequest(String organizationId, String batchJobId, String contactId, int attempt, String phoneNumber,
                          String fromPhoneNumberId, String agentId, Map<String, Object> contactData, String roomName,
                          String machineAnswerOutcome) {

    public DialRequest(String organizationId, String batchJobId, String contactId, int attempt, String phoneNumber,
                       String fromPhoneNumberId, String agentId, Map<String, Object> contactData, String roomName) {
        this(organizationId, batchJobId, contactId, attempt, phoneNumber, fromPhoneNumberId, agentId, contactData, roomName, null);
    }
}
