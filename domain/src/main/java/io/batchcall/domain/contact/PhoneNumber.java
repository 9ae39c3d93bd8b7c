package io.batchcall.domain.contact;

import io.vavr.control.Either;

/** A phone number in the contract's strict E.164: '+', then 8 to 15 ASCII digits, no formatting. */
public record PhoneNumber(String value) {

    public PhoneNumber {
        if (!isE164(value)) {
            throw new IllegalArgumentException("not E.164: " + value);
        }
    }

    public static Either<String, PhoneNumber> parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Either.left("missing phone");
        }
        return isE164(raw) ? Either.right(new PhoneNumber(raw)) : Either.left("not E.164");
    }

    public static boolean isE164(String s) {
        if (s == null || s.length() < 9 || s.length() > 16 || s.charAt(0) != '+') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
