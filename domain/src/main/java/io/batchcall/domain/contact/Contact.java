package io.batchcall.domain.contact;

import io.batchcall.domain.job.RetryPolicy;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a job's contact list and its dialing state. Immutable: every transition returns
 * either the next state or a {@link ContactRejection}; nothing else ever changes a contact.
 *
 * @param seq position in the uploaded list, 1-based; contacts are listed in this order
 * @param priority −99…99 (CONTRACT §16): among contacts callable at one moment, higher is dialed first, then lower seq
 */
public record Contact(String id, String jobId, long seq, String phoneNumber, Map<String, Object> contactData,
                      ContactStatus status, Option<String> errorCode, int attemptCount, int maxAttempts,
                      Option<Instant> lastAttemptAt, Option<Instant> nextRetryAt, Option<Instant> completedAt,
                      Option<String> roomName, Option<String> failureReason, Option<Integer> callDuration,
                      Option<String> timezone, Option<String> callerId, Conversation conversation, int priority) {

    /** The order claims take callable contacts in: higher priority first, then upload order. */
    public static final java.util.Comparator<Contact> CLAIM_ORDER =
            java.util.Comparator.comparingInt((Contact c) -> -c.priority).thenComparingLong(Contact::seq);

    /** A contact of the default priority (0). */
    public Contact(String id, String jobId, long seq, String phoneNumber, Map<String, Object> contactData,
                   ContactStatus status, Option<String> errorCode, int attemptCount, int maxAttempts,
                   Option<Instant> lastAttemptAt, Option<Instant> nextRetryAt, Option<Instant> completedAt,
                   Option<String> roomName, Option<String> failureReason, Option<Integer> callDuration,
                   Option<String> timezone, Option<String> callerId, Conversation conversation) {
        this(id, jobId, seq, phoneNumber, contactData, status, errorCode, attemptCount, maxAttempts, lastAttemptAt, nextRetryAt,
                completedAt, roomName, failureReason, callDuration, timezone, callerId, conversation, Priority.DEFAULT);
    }

    /** A contact whose attempts reported nothing of their conversations (or stored before they were kept). */
    public Contact(String id, String jobId, long seq, String phoneNumber, Map<String, Object> contactData,
                   ContactStatus status, Option<String> errorCode, int attemptCount, int maxAttempts,
                   Option<Instant> lastAttemptAt, Option<Instant> nextRetryAt, Option<Instant> completedAt,
                   Option<String> roomName, Option<String> failureReason, Option<Integer> callDuration, Option<String> timezone,
                   Option<String> callerId) {
        this(id, jobId, seq, phoneNumber, contactData, status, errorCode, attemptCount, maxAttempts, lastAttemptAt, nextRetryAt,
                completedAt, roomName, failureReason, callDuration, timezone, callerId, Conversation.NONE);
    }

    /** A contact never dialed from a named caller id (or stored before caller ids were kept). */
    public Contact(String id, String jobId, long seq, String phoneNumber, Map<String, Object> contactData,
                   ContactStatus status, Option<String> errorCode, int attemptCount, int maxAttempts,
                   Option<Instant> lastAttemptAt, Option<Instant> nextRetryAt, Option<Instant> completedAt,
                   Option<String> roomName, Option<String> failureReason, Option<Integer> callDuration, Option<String> timezone) {
        this(id, jobId, seq, phoneNumber, contactData, status, errorCode, attemptCount, maxAttempts, lastAttemptAt, nextRetryAt,
                completedAt, roomName, failureReason, callDuration, timezone, Option.none());
    }

    /** A contact with no time zone of its own recorded (called at any time unless its job has a window). */
    public Contact(String id, String jobId, long seq, String phoneNumber, Map<String, Object> contactData,
                   ContactStatus status, Option<String> errorCode, int attemptCount, int maxAttempts,
                   Option<Instant> lastAttemptAt, Option<Instant> nextRetryAt, Option<Instant> completedAt,
                   Option<String> roomName, Option<String> failureReason, Option<Integer> callDuration) {
        this(id, jobId, seq, phoneNumber, contactData, status, errorCode, attemptCount, maxAttempts, lastAttemptAt, nextRetryAt,
                completedAt, roomName, failureReason, callDuration, Option.none());
    }

    public Contact {
        java.util.Objects.requireNonNull(conversation, "conversation");
        contactData = contactData instanceof StoredContactData ? contactData : Collections.unmodifiableMap(new LinkedHashMap<>(contactData));
        if (priority < Priority.MIN || priority > Priority.MAX) {
            throw new IllegalArgumentException("priority " + priority + " outside " + Priority.MIN + ".." + Priority.MAX);
        }
        if (attemptCount < 0 || attemptCount > maxAttempts) {
            throw new IllegalArgumentException("attemptCount " + attemptCount + " outside 0.." + maxAttempts);
        }
    }

    /** A freshly uploaded contact: pending, never dialed. */
    public static Contact pending(String id, String jobId, long seq, PhoneNumber phone, Map<String, Object> data, int maxAttempts) {
        return pending(id, jobId, seq, phone, data, maxAttempts, Option.none());
    }

    /** A freshly uploaded contact called in the given zone(s) ({@code A&B}). */
    public static Contact pending(String id, String jobId, long seq, PhoneNumber phone, Map<String, Object> data, int maxAttempts,
                                  Option<String> timezone) {
        return new Contact(id, jobId, seq, phone.value(), data, ContactStatus.PENDING, Option.none(), 0, maxAttempts,
                Option.none(), Option.none(), Option.none(), Option.none(), Option.none(), Option.none(), timezone);
    }

    /** The same contact with the given priority (as uploaded). */
    public Contact withPriority(int value) {
        return new Contact(id, jobId, seq, phoneNumber, contactData, status, errorCode, attemptCount, maxAttempts, lastAttemptAt,
                nextRetryAt, completedAt, roomName, failureReason, callDuration, timezone, callerId, conversation, value);
    }

    /** Contact ids are derived from the job id and the upload position: {@code <jobId>-c<seq>}. */
    public static String idFor(String jobId, long seq) {
        return jobId + "-c" + seq;
    }

    /** The upload position encoded in a contact id of the given job, if the id has that form. */
    public static Option<Long> seqOf(String jobId, String contactId) {
        String prefix = jobId + "-c";
        if (contactId == null || !contactId.startsWith(prefix) || contactId.length() == prefix.length()
                || contactId.length() - prefix.length() > 18) {
            return Option.none();
        }
        String digits = contactId.substring(prefix.length());
        if (!digits.chars().allMatch(Character::isDigit) || digits.startsWith("0")) {
            return Option.none();
        }
        return Option.of(Long.parseLong(digits));
    }

    /** Whether the dispatcher may dial this contact at {@code now}. */
    public boolean isDue(Instant now) {
        return status == ContactStatus.PENDING
                || (status == ContactStatus.QUEUED && nextRetryAt.forAll(t -> !t.isAfter(now)));
    }

    /** pending|queued → dialing: a new attempt begins, from the job's caller id. */
    public Either<ContactRejection, Contact> dispatch(Instant now, String room) {
        return dispatch(now, room, callerId);
    }

    /** pending|queued → dialing: a new attempt begins, dialed from {@code caller} (recorded as the contact's callerId). */
    public Either<ContactRejection, Contact> dispatch(Instant now, String room, Option<String> caller) {
        if (status != ContactStatus.PENDING && status != ContactStatus.QUEUED) {
            return Either.left(new ContactRejection.IllegalTransition(status, "dial"));
        }
        if (attemptCount >= maxAttempts) {
            return Either.left(new ContactRejection.AttemptsExhausted(attemptCount, maxAttempts));
        }
        if (!isDue(now)) {
            return Either.left(new ContactRejection.NotDue(nextRetryAt.get()));
        }
        return Either.right(new Contact(id, jobId, seq, phoneNumber, contactData, ContactStatus.DIALING, errorCode,
                attemptCount + 1, maxAttempts, Option.of(now), Option.none(), Option.none(), Option.of(Texts.truncate(room, Texts.MAX_ROOM_NAME)),
                failureReason, callDuration, timezone, caller.orElse(callerId), conversation, priority));
    }

    /**
     * Whether this contact, changed from {@code before}, ended an attempt: it was dialing and no longer is,
     * with the same attempt count (a deferred dial goes back a count: it was never an attempt).
     */
    public boolean endedAttemptOf(Contact before) {
        return before.status == ContactStatus.DIALING && status != ContactStatus.DIALING && attemptCount == before.attemptCount;
    }

    /** Whether this contact, changed from {@code before}, had its dial deferred (dialing, back to waiting, the attempt not counted). */
    public boolean deferredDialOf(Contact before) {
        return before.status == ContactStatus.DIALING && status != ContactStatus.DIALING && attemptCount < before.attemptCount;
    }

    /**
     * dialing → back to waiting, the attempt not counted: the telephony side refused to place the call for
     * now (a rate limit). The contact is {@code queued} until {@code retryAt} with its attempt count as
     * before the dial; its last outcome's errorCode stays, the reason says why it waits.
     */
    public Either<ContactRejection, Contact> defer(Instant retryAt, String reason) {
        if (status != ContactStatus.DIALING) {
            return Either.left(new ContactRejection.IllegalTransition(status, "defer a dial of"));
        }
        return Either.right(new Contact(id, jobId, seq, phoneNumber, contactData, ContactStatus.QUEUED, errorCode, attemptCount - 1,
                maxAttempts, lastAttemptAt, Option.of(retryAt), Option.none(), roomName,
                Option.of(Texts.truncate(reason, Texts.MAX_FAILURE_REASON)), callDuration, timezone, callerId, conversation, priority));
    }

    /** A dialing contact's call was answered: the room it is in is recorded; the status stays dialing. */
    public Either<ContactRejection, Contact> connect(Option<String> room) {
        if (status != ContactStatus.DIALING) {
            return Either.left(new ContactRejection.IllegalTransition(status, "connect"));
        }
        return Either.right(new Contact(id, jobId, seq, phoneNumber, contactData, status, errorCode, attemptCount,
                maxAttempts, lastAttemptAt, nextRetryAt, completedAt, Texts.truncate(room, Texts.MAX_ROOM_NAME).orElse(roomName), failureReason, callDuration, timezone, callerId, conversation, priority));
    }

    /**
     * dialing → outcome. A retryable outcome with attempts left (and retries allowed, i.e. the job is
     * not cancelled) becomes {@code queued} with {@code nextRetryAt}; anything else is terminal.
     */
    public Either<ContactRejection, Contact> finish(AttemptResult result, Instant now, RetryPolicy policy, boolean retriesAllowed) {
        if (status != ContactStatus.DIALING) {
            return Either.left(new ContactRejection.IllegalTransition(status, "finish an attempt of"));
        }
        ContactStatus outcome = result.outcome();
        if (!outcome.isOutcome()) {
            return Either.left(new ContactRejection.NotAnOutcome(outcome));
        }
        Option<String> room = result.roomName().orElse(roomName);
        Option<Integer> duration = result.callDuration().orElse(outcome == ContactStatus.COMPLETED ? Option.of(0) : callDuration);
        if (outcome == ContactStatus.COMPLETED) {
            // a completed call carries no error, but for a voicemail counted as completed (CONTRACT §15)
            return Either.right(new Contact(id, jobId, seq, phoneNumber, contactData, outcome, result.errorCode().filter("voicemail"::equals),
                    attemptCount, maxAttempts, lastAttemptAt, Option.none(), Option.of(now), room, Option.none(), duration, timezone, callerId,
                    result.conversation().endedAs(outcome), priority));
        }
        boolean retry = retriesAllowed && policy.isRetryable(outcome) && attemptCount < maxAttempts;
        ContactStatus next = retry ? ContactStatus.QUEUED : outcome;
        Option<Instant> retryAt = retry ? Option.of(now.plusSeconds(policy.retryDelaySeconds())) : Option.none();
        Option<String> reason = result.failureReason().orElse(Option.of(outcome.wire()));
        return Either.right(new Contact(id, jobId, seq, phoneNumber, contactData, next, result.errorCode(), attemptCount,
                maxAttempts, lastAttemptAt, retryAt, retry ? Option.none() : Option.of(now), room, reason, duration, timezone, callerId,
                result.conversation().endedAs(outcome), priority));
    }

    /**
     * A contact queued for a retry whose last attempt ended with a deciding disposition (CONTRACT §15) ends now, as that
     * attempt ended: no further attempt. Any other contact is left as it is.
     */
    public Contact settle(Instant now) {
        if (status != ContactStatus.QUEUED || conversation.outcome().isEmpty()) {
            return this;
        }
        return new Contact(id, jobId, seq, phoneNumber, contactData, conversation.outcome().get(), errorCode, attemptCount, maxAttempts,
                lastAttemptAt, Option.none(), Option.of(now), roomName, failureReason, callDuration, timezone, callerId, conversation, priority);
    }

    /**
     * A callback the person asked for (CONTRACT §15): a contact not in a call is queued to be dialed at {@code at} (never
     * earlier; its calling window still applies), with one more attempt allowed — a callback is not one of its
     * {@code maxAttempts}. {@code callbacksUsed} so far is {@code maxAttempts} over the job's.
     */
    public Either<ContactRejection, Contact> callback(Instant at) {
        if (status == ContactStatus.DIALING) {
            return Either.left(new ContactRejection.IllegalTransition(status, "schedule a callback for"));
        }
        return Either.right(new Contact(id, jobId, seq, phoneNumber, contactData, ContactStatus.QUEUED, errorCode, attemptCount,
                maxAttempts + 1, lastAttemptAt, Option.of(at), Option.none(), roomName, failureReason, callDuration, timezone, callerId,
                conversation, priority));
    }

    /** pending|queued → cancelled (a dialing contact finishes its call instead). */
    public Either<ContactRejection, Contact> cancel(Instant now) {
        if (status != ContactStatus.PENDING && status != ContactStatus.QUEUED) {
            return Either.left(new ContactRejection.IllegalTransition(status, "cancel"));
        }
        return Either.right(cancelled(now, failureReason));
    }

    /** The errorCode of a contact whose job's end time passed before it was dialed (CONTRACT §16). */
    public static final String EXPIRED = "expired";

    /** pending|queued → cancelled with errorCode {@code expired}: the job's end time passed before it was dialed. */
    public Either<ContactRejection, Contact> expire(Instant now, String reason) {
        if (status != ContactStatus.PENDING && status != ContactStatus.QUEUED) {
            return Either.left(new ContactRejection.IllegalTransition(status, "expire"));
        }
        return Either.right(new Contact(id, jobId, seq, phoneNumber, contactData, ContactStatus.CANCELLED, Option.of(EXPIRED), attemptCount,
                maxAttempts, lastAttemptAt, Option.none(), Option.of(now), roomName, Option.of(reason), callDuration, timezone, callerId,
                conversation, priority));
    }

    /** Any open contact → cancelled, because its job failed; the reason is recorded. */
    public Either<ContactRejection, Contact> abandon(Instant now, String reason) {
        if (!status.isOpen()) {
            return Either.left(new ContactRejection.IllegalTransition(status, "abandon"));
        }
        return Either.right(cancelled(now, Option.of(Texts.truncate(reason, Texts.MAX_FAILURE_REASON))));
    }

    private Contact cancelled(Instant now, Option<String> reason) {
        return new Contact(id, jobId, seq, phoneNumber, contactData, ContactStatus.CANCELLED, errorCode, attemptCount,
                maxAttempts, lastAttemptAt, Option.none(), Option.of(now), roomName, reason, callDuration, timezone, callerId, conversation, priority);
    }

    /** Whether this contact waits for a callback the person asked for (CONTRACT §15), which the conversation pause does not hold. */
    public boolean askedForCallback() {
        return status == ContactStatus.QUEUED && conversation.callbackAt().isDefined();
    }

    /**
     * pending|queued → queued until {@code until}, not an attempt: its number may not be dialed before then (CONTRACT §17's
     * conversation pause). Its attempts, last outcome and reason stay.
     */
    public Either<ContactRejection, Contact> holdUntil(Instant until) {
        if (status != ContactStatus.PENDING && status != ContactStatus.QUEUED) {
            return Either.left(new ContactRejection.IllegalTransition(status, "hold"));
        }
        return Either.right(new Contact(id, jobId, seq, phoneNumber, contactData, ContactStatus.QUEUED, errorCode, attemptCount, maxAttempts,
                lastAttemptAt, Option.of(until), Option.none(), roomName, failureReason, callDuration, timezone, callerId, conversation, priority));
    }

    /** Whether this contact, changed from {@code before}, ended an attempt in a conversation (CONTRACT §17): completed, not a machine. */
    public boolean conversedAfter(Contact before) {
        // the attempt's outcome: a completed call that asked for a callback is queued again, and was a conversation all the same
        return endedAttemptOf(before) && (status == ContactStatus.COMPLETED || conversation.outcome().contains(ContactStatus.COMPLETED))
                && !conversation.answeredBy().contains(AnsweredBy.MACHINE);
    }

    /**
     * When the conversation {@link #conversedAfter} found ended: the attempt's end, or — for a call that asked for a
     * callback, queued again without an end time — its start.
     */
    public Option<Instant> conversationEndedAt() {
        return completedAt.orElse(lastAttemptAt);
    }

    /** The errorCode of a contact blocked because its job requires consent and its number has none in force (CONTRACT §17). */
    public static final String NO_CONSENT = "no_consent";

    /**
     * pending|queued → blocked with errorCode {@code no_consent}: its job requires consent and the number's was revoked
     * (or never recorded) by the time it was to be dialed; never dialed.
     */
    public Either<ContactRejection, Contact> withoutConsent(Instant now) {
        if (status != ContactStatus.PENDING && status != ContactStatus.QUEUED) {
            return Either.left(new ContactRejection.IllegalTransition(status, "block"));
        }
        return Either.right(new Contact(id, jobId, seq, phoneNumber, contactData, ContactStatus.BLOCKED, Option.of(NO_CONSENT),
                attemptCount, maxAttempts, lastAttemptAt, Option.none(), Option.of(now), roomName,
                Option.of("the job requires consent and the number has none in force"), callDuration, timezone, callerId, conversation, priority));
    }

    /**
     * pending|queued → blocked: the number was put on the organization's suppression list after
     * the job was created; it is never dialed (errorCode {@code suppressed}).
     */
    public Either<ContactRejection, Contact> suppress(Instant now) {
        if (status != ContactStatus.PENDING && status != ContactStatus.QUEUED) {
            return Either.left(new ContactRejection.IllegalTransition(status, "suppress"));
        }
        return Either.right(new Contact(id, jobId, seq, phoneNumber, contactData, ContactStatus.BLOCKED, Option.of("suppressed"),
                attemptCount, maxAttempts, lastAttemptAt, Option.none(), Option.of(now), roomName,
                Option.of("the number is on the organization's suppression list"), callDuration, timezone, callerId, conversation, priority));
    }
}
