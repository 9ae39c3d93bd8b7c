package io.batchcall.domain.caller;

import java.util.Set;

/**
 * The country calling code (ITU-T E.164) and, for NANP numbers, the area code of an E.164 number: what local
 * presence compares. Codes are 1 digit (1, 7), 2 digits (the set below) or else 3 digits.
 */
public final class Geography {

    private static final Set<String> TWO_DIGIT = Set.of("20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43",
            "44", "45", "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65",
            "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

    private Geography() {
    }

    /** The country calling code of {@code e164} ({@code +14155550100} → {@code 1}). */
    public static String countryCode(String e164) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        if (digits.startsWith("1") || digits.startsWith("7")) {
            return digits.substring(0, 1);
        }
        if (digits.length() >= 2 && TWO_DIGIT.contains(digits.substring(0, 2))) {
            return digits.substring(0, 2);
        }
        return digits.substring(0, Math.min(3, digits.length()));
    }

    /** The NANP area code ({@code +14155550100} → {@code 415}), or null for a number outside +1. */
    public static String areaCode(String e164) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        return digits.startsWith("1") && digits.length() >= 4 ? digits.substring(1, 4) : null;
    }

    /** 3: same NANP area code; 2: same country; 1: any other. */
    public static int closeness(String contact, String caller) {
        String area = areaCode(contact);
        if (area != null && area.equals(areaCode(caller))) {
            return 3;
        }
        return countryCode(contact).equals(countryCode(caller)) ? 2 : 1;
    }
}
