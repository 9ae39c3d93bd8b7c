package io.batchcall.domain.contact;

import io.vavr.control.Either;
import io.vavr.control.Option;

import java.math.BigDecimal;

/**
 * A contact's {@code priority} as uploaded (CONTRACT §16: a CSV column or a JSON field of the row): an integer from
 * {@value #MIN} to {@value #MAX}, default {@value #DEFAULT}. Among contacts callable at the same moment, higher is
 * dialed first, then upload order.
 */
public final class Priority {

    /** The row field (CSV column) that carries it. */
    public static final String FIELD = "priority";
    public static final int MIN = -99;
    public static final int MAX = 99;
    public static final int DEFAULT = 0;
    private static final String RULE = "priority must be a whole number from -99 to 99";

    private Priority() {
    }

    /**
     * None when absent or blank; else the value, or why it does not read. A JSON number (integral: {@code 5} or
     * {@code 5.0}) or a text of one ({@code "5"}, {@code "-3"}, {@code "+7"}).
     */
    public static Either<String, Option<Integer>> parse(Object raw) {
        if (raw == null || (raw instanceof String s && s.isBlank())) {
            return Either.right(Option.none());
        }
        BigDecimal value;
        try {
            if (raw instanceof Number n) {
                value = new BigDecimal(n.toString());
            } else if (raw instanceof String text && text.length() <= 16) {
                value = new BigDecimal(text.trim());
            } else {
                return Either.left(RULE);
            }
        } catch (NumberFormatException e) {
            return Either.left(RULE);
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            return Either.left(RULE);
        }
        if (value.compareTo(BigDecimal.valueOf(MIN)) < 0 || value.compareTo(BigDecimal.valueOf(MAX)) > 0) {
            return Either.left(RULE);
        }
        return Either.right(Option.of(value.intValue()));
    }
}
