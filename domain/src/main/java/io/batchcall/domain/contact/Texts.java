package io.batchcall.domain.contact;

import io.vavr.control.Option;

/** Column limits for text that the telephony side reports, shared with the schema and the HTTP edge. */
public final class Texts {

    /** failureReason of a contact or a job. */
    public static final int MAX_FAILURE_REASON = 1000;
    /** roomName of a contact. */
    public static final int MAX_ROOM_NAME = 300;
    /** errorCode of a contact. */
    public static final int MAX_ERROR_CODE = 20;

    private Texts() {
    }

    /** {@code text} cut to at most {@code max} characters (an ellipsis marks the cut), for text that comes from a dialer. */
    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }

    /** {@code n} and the noun, singular for one: "1 contact", "2 contacts", "0 rows". */
    public static String count(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }

    public static Option<String> truncate(Option<String> text, int max) {
        return text.map(t -> truncate(t, max));
    }
}
