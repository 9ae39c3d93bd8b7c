package io.batchcall.adapter.http.upload;

import java.util.List;
import java.util.Locale;

/**
 * Which column (CSV) or field (JSON contact) holds the phone number: {@code phone}, else the first of
 * the common names spreadsheets and CRMs export — {@code Phone Number}, {@code phone_number},
 * {@code Mobile}, {@code Cell}, {@code Telephone}, {@code Tel}, {@code MSISDN} — compared without case,
 * spaces, underscores or dashes (docs/api.md). The column used is not kept in contactData.
 */
public final class PhoneColumn {

    /** In order of preference. */
    public static final List<String> NAMES = List.of("phone", "phonenumber", "mobile", "mobilenumber", "mobilephone", "cell", "cellphone",
            "telephone", "telephonenumber", "tel", "msisdn");

    private PhoneColumn() {
    }

    /** The position of the phone column among {@code headers}, or -1. */
    public static int find(List<String> headers) {
        int best = -1;
        int bestRank = Integer.MAX_VALUE;
        for (int i = 0; i < headers.size(); i++) {
            int rank = headers.get(i) == null ? -1 : NAMES.indexOf(normal(headers.get(i)));
            if (rank >= 0 && rank < bestRank) {
                best = i;
                bestRank = rank;
            }
        }
        return best;
    }

    public static String normal(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (char c : name.trim().toLowerCase(Locale.ROOT).toCharArray()) {
            if (c != ' ' && c != '_' && c != '-' && c != '.') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Why no phone column was found, and what to change: the columns seen, a hint when the file uses semicolons. */
    public static String missing(List<String> headers) {
        List<String> shown = headers.stream().limit(20).map(h -> h == null ? "" : "'" + (h.length() > 40 ? h.substring(0, 40) + "…" : h) + "'")
                .toList();
        String found = headers.isEmpty() ? "no header row was found" : "the header row has " + headers.size()
                + (headers.size() == 1 ? " column: " : " columns: ") + String.join(", ", shown) + (headers.size() > 20 ? ", …" : "");
        String semicolons = headers.size() == 1 && headers.get(0) != null && headers.get(0).contains(";")
                ? " The file looks separated by semicolons: save it with commas (CSV, comma-delimited)." : "";
        return "The CSV needs a header row with a 'phone' column (also accepted: 'Phone Number', 'Mobile', 'Cell', 'Telephone', 'Tel', "
                + "'MSISDN'); " + found + "." + semicolons + " Rename the column holding the numbers to 'phone'.";
    }
}
