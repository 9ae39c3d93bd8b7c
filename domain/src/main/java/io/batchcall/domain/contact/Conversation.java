package io.batchcall.domain.contact;

import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.regex.Pattern;

/**
 * What one attempt's conversation produced (CONTRACT §15), as reported with its end: the agent's verdict
 * ({@code disposition}), who answered, what the agent extracted ({@code outcomeData}, a JSON object, checked where it
 * entered: at most {@link #MAX_OUTCOME_DATA} bytes as JSON, 8 levels deep; a store's own map as it reads it) and when the person asked to be called back. A contact shows its last
 * attempt's.
 *
 * @param callbackAt the requested time as sent (ISO-8601 with an offset, or a local {@code YYYY-MM-DDTHH:mm})
 * @param outcome    what the attempt ended as (set when it ends: a contact queued for a retry keeps it here, as its
 *                   status no longer says); not stored on the contact, only with the attempt's history
 */
public record Conversation(Option<String> disposition, Option<AnsweredBy> answeredBy, Option<java.util.Map<String, Object>> outcomeData,
                           Option<String> callbackAt, Option<ContactStatus> outcome) {

    public static final Conversation NONE = new Conversation(Option.none(), Option.none(), Option.none(), Option.none());

    public Conversation(Option<String> disposition, Option<AnsweredBy> answeredBy, Option<java.util.Map<String, Object>> outcomeData,
                        Option<String> callbackAt) {
        this(disposition, answeredBy, outcomeData, callbackAt, Option.none());
    }

    /** The same, ended as {@code status}. */
    public Conversation endedAs(ContactStatus status) {
        return new Conversation(disposition, answeredBy, outcomeData, callbackAt, Option.of(status));
    }
    /** A disposition: 1–64 characters of {@code [a-z0-9_]}. */
    public static final Pattern DISPOSITION = Pattern.compile("[a-z0-9_]{1,64}");
    /** The longest outcomeData, as compact JSON (UTF-8 bytes). */
    public static final int MAX_OUTCOME_DATA = 16 * 1024;

    public Conversation {
        if (disposition.exists(d -> !DISPOSITION.matcher(d).matches())) {
            throw new IllegalArgumentException("a disposition is 1-64 characters of [a-z0-9_]");
        }
        outcomeData = outcomeData.map(o -> o instanceof StoredContactData ? o
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(o)));
    }

    /** A disposition as sent, checked. */
    public static Either<String, Option<String>> disposition(String value) {
        if (value == null) {
            return Either.right(Option.none());
        }
        return DISPOSITION.matcher(value).matches() ? Either.right(Option.of(value))
                : Either.left("disposition must be 1-64 characters of a-z, 0-9 and _");
    }

    public boolean isEmpty() {
        return disposition.isEmpty() && answeredBy.isEmpty() && outcomeData.isEmpty() && callbackAt.isEmpty();
    }
}
