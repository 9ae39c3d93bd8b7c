package io.batchcall.domain.caller;

import io.vavr.control.Option;

/** How a job picks the caller id of each dial from its pool (CONTRACT §14). */
public enum CallerSelection {
    /** Same country and (NANP) area code as the contact, then the same country, then any; ties: fewest dials today. */
    LOCAL("local"),
    /** Geography ignored: the number with the fewest dials today, so dials spread evenly. */
    ROUND_ROBIN("round_robin");

    private final String wire;

    CallerSelection(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Option<CallerSelection> fromWire(String s) {
        for (CallerSelection v : values()) {
            if (v.wire.equals(s)) {
                return Option.of(v);
            }
        }
        return Option.none();
    }
}
