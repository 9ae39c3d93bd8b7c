package io.batchcall.application.port.out;

import java.util.Map;

/**
 * What the telephony side needs to place one attempt (CONTRACT §8). {@code machineAnswerOutcome}: the job's
 * rule for a call answered by a machine ({@code completed} or {@code no_answer}); null: the server's.
 * {@code voicemailMessage}: the message to leave when a machine answers (CONTRACT §15, placeholders filled); null: hang up.
 */
public record DialRequest(String organizationId, String batchJobId, String contactId, int attempt, String phoneNumber,
                          String fromPhoneNumberId, String agentId, Map<String, Object> contactData, String roomName,
                          String machineAnswerOutcome, String voicemailMessage) {

    /** A dial whose job leaves no voicemail message. */
    public DialRequest(String organizationId, String batchJobId, String contactId, int attempt, String phoneNumber,
                       String fromPhoneNumberId, String agentId, Map<String, Object> contactData, String roomName,
                       String machineAnswerOutcome) {
        this(organizationId, batchJobId, contactId, attempt, phoneNumber, fromPhoneNumberId, agentId, contactData, roomName,
                machineAnswerOutcome, null);
    }

    public DialRequest(String organizationId, String batchJobId, String contactId, int attempt, String phoneNumber,
                       String fromPhoneNumberId, String agentId, Map<String, Object> contactData, String roomName) {
        this(organizationId, batchJobId, contactId, attempt, phoneNumber, fromPhoneNumberId, agentId, contactData, roomName, null);
    }
}
