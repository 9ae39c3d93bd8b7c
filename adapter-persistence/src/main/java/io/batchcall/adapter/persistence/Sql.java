package io.batchcall.adapter.persistence;

import java.sql.Types;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Small SQL helpers shared by the table classes: placeholder lists and chunks for {@code in (...)} lookups. */
public final class Sql {

    /** Values per {@code in (...)} list. */
    static final int IN_CHUNK = 500;

    private Sql() {
    }

    public static java.sql.Array longs(Connection c, Collection<Long> values) throws SQLException {
        return c.createArrayOf("bigint", values.toArray(new Long[0]));
    }

    public static java.sql.Array texts(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("varchar", values.toArray(new String[0]));
    }

    /** One column of {@code rows} as a PostgreSQL text array (nulls kept), for {@code unnest(?::varchar[], …)}. */
    public static <T> java.sql.Array texts(Connection c, List<T> rows, java.util.function.Function<T, String> column) throws SQLException {
        return c.createArrayOf("varchar", rows.stream().map(column).toArray(String[]::new));
    }

    /** One integer column of {@code rows} (nulls kept). */
    public static <T> java.sql.Array ints(Connection c, List<T> rows, java.util.function.Function<T, Integer> column) throws SQLException {
        return c.createArrayOf("integer", rows.stream().map(column).toArray(Integer[]::new));
    }

    /** One bigint column of {@code rows} (nulls kept). */
    public static <T> java.sql.Array longs(Connection c, List<T> rows, java.util.function.Function<T, Long> column) throws SQLException {
        return c.createArrayOf("bigint", rows.stream().map(column).toArray(Long[]::new));
    }

    /** One time column of {@code rows} as epoch milliseconds, as {@link #setTime} stores it (none → null). */
    public static <T> java.sql.Array times(Connection c, List<T> rows, java.util.function.Function<T, Option<Instant>> column) throws SQLException {
        return longs(c, rows, r -> column.apply(r).map(Instant::toEpochMilli).getOrNull());
    }

    /**
     * Texts as one JSON array, for SQLite's {@code in (select value from json_each(?))}: a lookup of many numbers binds
     * one parameter instead of one per number (a statement of 500 placeholders, prepared and bound for each chunk, cost
     * an add of 100,000 contacts ≈ 0.8 s of its checks). Quotes, backslashes and control characters are escaped.
     */
    public static String jsonTexts(Collection<String> values) {
        StringBuilder b = new StringBuilder(values.size() * 16 + 2).append('[');
        for (String v : values) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"');
            if (plain(v)) {
                b.append(v); // a number, as nearly always: copied whole
            } else {
                for (int i = 0; i < v.length(); i++) {
                    char ch = v.charAt(i);
                    if (ch == '"' || ch == '\\') {
                        b.append('\\').append(ch);
                    } else if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
            b.append('"');
        }
        return b.append(']').toString();
    }

    private static boolean plain(String v) {
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch < 0x20 || ch == '"' || ch == '\\') {
                return false;
            }
        }
        return true;
    }

    public static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    public static <T> List<List<T>> chunks(Collection<T> values) {
        List<List<T>> out = new ArrayList<>();
        List<T> chunk = new ArrayList<>();
        for (T v : values) {
            chunk.add(v);
            if (chunk.size() == IN_CHUNK) {
                out.add(chunk);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            out.add(chunk);
        }
        return out;
    }

    public static Option<Instant> time(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Option.none() : Option.of(Instant.ofEpochMilli(v));
    }

    public static Option<Instant> time(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Option.none() : Option.of(Instant.ofEpochMilli(v));
    }

    public static void setTime(PreparedStatement ps, int i, Option<Instant> t) throws SQLException {
        if (t.isDefined()) {
            ps.setLong(i, t.get().toEpochMilli());
        } else {
            ps.setNull(i, Types.BIGINT);
        }
    }
}
