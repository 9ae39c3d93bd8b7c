package io.batchcall.domain.contact;

import java.util.Map;

/**
 * Contact data as a store read it: an unmodifiable map that keeps the JSON text it was stored as and
 * is parsed only when read as a map. A {@link Contact} keeps it as it is (no copy), and an adapter that
 * writes JSON can copy {@link #json()} instead of parsing and writing the map again — the job detail and
 * the exports send thousands of contacts a second this way.
 */
public interface StoredContactData extends Map<String, Object> {

    /** The stored JSON object text, exactly as written by the store (always a JSON object). */
    String json();
}
