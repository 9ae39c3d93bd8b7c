package io.batchcall.application.port.in;

import java.util.List;

/**
 * The fields of POST /batch/create, as sent (null = absent): the form {@link CreateJob#of} checks into a {@link CreateJob}.
 * {@code scheduledStartTime} is ISO-8601; without an offset it is read in {@code timezone} (IANA, default UTC).
 * {@code machineAnswerOutcome}: what a call answered by a machine counts as, {@code completed} or {@code no_answer}.
 * {@code fromPhoneNumberIds}, {@code callerIdSelection}, {@code stickyCallerId}: the caller-id pool (CONTRACT §14).
 * {@code finalDispositions}, {@code optOutDispositions} ({@code dispositions.final}, {@code .optOut}), {@code maxCallbacks}:
 * what the job does with what its conversations produce (CONTRACT §15).
 */
public record CreateBatchJobCommand(String organizationId, String name, String description, String agentId,
                                    String fromPhoneNumberId, Integer concurrentCallLimit, Integer maxAttempts,
                                    List<String> retryableStatuses, Long retryDelaySeconds,
                                    String scheduledStartTime, String timezone, CallingWindowInput callingWindow,
                                    String machineAnswerOutcome, List<String> fromPhoneNumberIds, String callerIdSelection,
                                    Boolean stickyCallerId, List<String> finalDispositions, List<String> optOutDispositions,
                                    Integer maxCallbacks, VoicemailInput voicemail, String endAt, Boolean requireConsent) {

    /** Without requiring consent (CONTRACT §17's {@code requireConsent}). */
    public CreateBatchJobCommand(String organizationId, String name, String description, String agentId,
                                 String fromPhoneNumberId, Integer concurrentCallLimit, Integer maxAttempts,
                                 List<String> retryableStatuses, Long retryDelaySeconds,
                                 String scheduledStartTime, String timezone, CallingWindowInput callingWindow,
                                 String machineAnswerOutcome, List<String> fromPhoneNumberIds, String callerIdSelection,
                                 Boolean stickyCallerId, List<String> finalDispositions, List<String> optOutDispositions,
                                 Integer maxCallbacks, VoicemailInput voicemail, String endAt) {
        this(organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit, maxAttempts, retryableStatuses,
                retryDelaySeconds, scheduledStartTime, timezone, callingWindow, machineAnswerOutcome, fromPhoneNumberIds, callerIdSelection,
                stickyCallerId, finalDispositions, optOutDispositions, maxCallbacks, voicemail, endAt, null);
    }

    /** Without an end time (CONTRACT §16's {@code endAt}). */
    public CreateBatchJobCommand(String organizationId, String name, String description, String agentId,
                                 String fromPhoneNumberId, Integer concurrentCallLimit, Integer maxAttempts,
                                 List<String> retryableStatuses, Long retryDelaySeconds,
                                 String scheduledStartTime, String timezone, CallingWindowInput callingWindow,
                                 String machineAnswerOutcome, List<String> fromPhoneNumberIds, String callerIdSelection,
                                 Boolean stickyCallerId, List<String> finalDispositions, List<String> optOutDispositions,
                                 Integer maxCallbacks, VoicemailInput voicemail) {
        this(organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit, maxAttempts, retryableStatuses,
                retryDelaySeconds, scheduledStartTime, timezone, callingWindow, machineAnswerOutcome, fromPhoneNumberIds, callerIdSelection,
                stickyCallerId, finalDispositions, optOutDispositions, maxCallbacks, voicemail, null);
    }

    /** Without a voicemail policy of its own. */
    public CreateBatchJobCommand(String organizationId, String name, String description, String agentId,
                                 String fromPhoneNumberId, Integer concurrentCallLimit, Integer maxAttempts,
                                 List<String> retryableStatuses, Long retryDelaySeconds,
                                 String scheduledStartTime, String timezone, CallingWindowInput callingWindow,
                                 String machineAnswerOutcome, List<String> fromPhoneNumberIds, String callerIdSelection,
                                 Boolean stickyCallerId, List<String> finalDispositions, List<String> optOutDispositions,
                                 Integer maxCallbacks) {
        this(organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit, maxAttempts, retryableStatuses,
                retryDelaySeconds, scheduledStartTime, timezone, callingWindow, machineAnswerOutcome, fromPhoneNumberIds, callerIdSelection,
                stickyCallerId, finalDispositions, optOutDispositions, maxCallbacks, null);
    }

    /** A voicemail policy as sent (CONTRACT §15): {@code action} hangup | leave_message, {@code message}, {@code outcome} retry | final. */
    public record VoicemailInput(String action, String message, String outcome) {
    }

    /** Without CONTRACT §15's rules (no deciding dispositions, 3 callbacks). */
    public CreateBatchJobCommand(String organizationId, String name, String description, String agentId,
                                 String fromPhoneNumberId, Integer concurrentCallLimit, Integer maxAttempts,
                                 List<String> retryableStatuses, Long retryDelaySeconds,
                                 String scheduledStartTime, String timezone, CallingWindowInput callingWindow,
                                 String machineAnswerOutcome, List<String> fromPhoneNumberIds, String callerIdSelection,
                                 Boolean stickyCallerId) {
        this(organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit, maxAttempts, retryableStatuses,
                retryDelaySeconds, scheduledStartTime, timezone, callingWindow, machineAnswerOutcome, fromPhoneNumberIds, callerIdSelection,
                stickyCallerId, null, null, null, null);
    }

    /** A job dialing from its one {@code fromPhoneNumberId}. */
    public CreateBatchJobCommand(String organizationId, String name, String description, String agentId,
                                 String fromPhoneNumberId, Integer concurrentCallLimit, Integer maxAttempts,
                                 List<String> retryableStatuses, Long retryDelaySeconds,
                                 String scheduledStartTime, String timezone, CallingWindowInput callingWindow, String machineAnswerOutcome) {
        this(organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit, maxAttempts, retryableStatuses,
                retryDelaySeconds, scheduledStartTime, timezone, callingWindow, machineAnswerOutcome, null, null, null);
    }

    /** With the server's rule for calls answered by a machine. */
    public CreateBatchJobCommand(String organizationId, String name, String description, String agentId,
                                 String fromPhoneNumberId, Integer concurrentCallLimit, Integer maxAttempts,
                                 List<String> retryableStatuses, Long retryDelaySeconds,
                                 String scheduledStartTime, String timezone, CallingWindowInput callingWindow) {
        this(organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit, maxAttempts, retryableStatuses,
                retryDelaySeconds, scheduledStartTime, timezone, callingWindow, null);
    }

    /** Without a calling window of its own (the server default applies). */
    public CreateBatchJobCommand(String organizationId, String name, String description, String agentId,
                                 String fromPhoneNumberId, Integer concurrentCallLimit, Integer maxAttempts,
                                 List<String> retryableStatuses, Long retryDelaySeconds,
                                 String scheduledStartTime, String timezone) {
        this(organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit, maxAttempts, retryableStatuses,
                retryDelaySeconds, scheduledStartTime, timezone, null, null);
    }

    /** A calling window as sent (CONTRACT §10): {@code HH:mm} times, day names, ISO dates; null = absent. */
    public record CallingWindowInput(String start, String end, List<String> days, List<String> blackoutDates) {
    }
}
