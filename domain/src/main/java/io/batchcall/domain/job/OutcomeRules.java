package io.batchcall.domain.job;

import io.batchcall.domain.contact.Conversation;
import io.vavr.collection.List;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * What a job does with what its conversations produced (CONTRACT §15): dispositions that end a contact ({@code final}),
 * dispositions that also put its number on the suppression list ({@code optOut}), how many callbacks a contact may
 * be given, and what a machine answer does ({@link Voicemail}).
 */
public record OutcomeRules(SortedSet<String> finalDispositions, SortedSet<String> optOutDispositions, int maxCallbacks,
                           Voicemail voicemail) {

    public OutcomeRules(SortedSet<String> finalDispositions, SortedSet<String> optOutDispositions, int maxCallbacks) {
        this(finalDispositions, optOutDispositions, maxCallbacks, Voicemail.DEFAULT);
    }

    /** The same rules, with this voicemail policy. */
    public OutcomeRules withVoicemail(Voicemail policy) {
        return new OutcomeRules(finalDispositions, optOutDispositions, maxCallbacks, policy);
    }

    public static final int DEFAULT_MAX_CALLBACKS = 3;
    public static final int MAX_CALLBACKS = 20;
    /** At most this many dispositions in each list. */
    public static final int MAX_DISPOSITIONS = 100;
    public static final OutcomeRules DEFAULT = new OutcomeRules(TreeSet.empty(), TreeSet.empty(), DEFAULT_MAX_CALLBACKS);

    public OutcomeRules {
        java.util.Objects.requireNonNull(voicemail, "voicemail");
        if (maxCallbacks < 0 || maxCallbacks > MAX_CALLBACKS) {
            throw new IllegalArgumentException("maxCallbacks is 0-" + MAX_CALLBACKS);
        }
    }

    /** Checked lists (null: none) and maxCallbacks (null: 3): the first problem, as a message. */
    public static Either<String, OutcomeRules> of(java.util.List<String> finals, java.util.List<String> optOut, Integer maxCallbacks) {
        if (maxCallbacks != null && (maxCallbacks < 0 || maxCallbacks > MAX_CALLBACKS)) {
            return Either.left("maxCallbacks must be an integer from 0 to " + MAX_CALLBACKS);
        }
        Either<String, SortedSet<String>> f = set("dispositions.final", finals);
        Either<String, SortedSet<String>> o = set("dispositions.optOut", optOut);
        if (f.isLeft()) {
            return Either.left(f.getLeft());
        }
        if (o.isLeft()) {
            return Either.left(o.getLeft());
        }
        return Either.right(new OutcomeRules(f.get(), o.get(), maxCallbacks == null ? DEFAULT_MAX_CALLBACKS : maxCallbacks));
    }

    private static Either<String, SortedSet<String>> set(String name, java.util.List<String> values) {
        if (values == null) {
            return Either.right(TreeSet.empty());
        }
        if (values.size() > MAX_DISPOSITIONS) {
            return Either.left(name + " names at most " + MAX_DISPOSITIONS + " dispositions");
        }
        SortedSet<String> out = TreeSet.empty();
        for (String v : values) {
            if (v == null || !Conversation.DISPOSITION.matcher(v).matches()) {
                return Either.left(name + " must hold dispositions of 1-64 characters of a-z, 0-9 and _; got '"
                        + (v == null ? "null" : v.length() > 70 ? v.substring(0, 70) + "…" : v) + "'");
            }
            out = out.add(v);
        }
        return Either.right(out);
    }

    /** Whether this disposition ends the contact (a final or an opt-out one). */
    public boolean ends(Option<String> disposition) {
        return disposition.exists(d -> finalDispositions.contains(d) || optOutDispositions.contains(d));
    }

    /** Whether this disposition puts the number on the suppression list. */
    public boolean optsOut(Option<String> disposition) {
        return disposition.exists(optOutDispositions::contains);
    }

    /** The lists as stored: comma-separated (dispositions hold no comma). */
    public static String joined(SortedSet<String> set) {
        return set.mkString(",");
    }

    public static SortedSet<String> split(String stored) {
        return stored == null || stored.isEmpty() ? TreeSet.empty() : TreeSet.ofAll(List.of(stored.split(",")));
    }
}
