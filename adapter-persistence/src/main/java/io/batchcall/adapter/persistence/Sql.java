package io.batchcall.adapter.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Small SQL helpers shared by the table classes: placeholder lists and chunks for {@code in (...)} lookups. */
final class Sql {

    /** Values per {@code in (...)} list. */
    static final int IN_CHUNK = 500;

    private Sql() {
    }

    static java.sql.Array longs(Connection c, Collection<Long> values) throws SQLException {
        return c.createArrayOf("bigint", values.toArray(new Long[0]));
    }

    static java.sql.Array texts(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("varchar", values.toArray(new String[0]));
    }

    static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    static <T> List<List<T>> chunks(Collection<T> values) {
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
}
