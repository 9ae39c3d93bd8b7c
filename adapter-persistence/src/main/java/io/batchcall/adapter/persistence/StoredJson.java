package io.batchcall.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.batchcall.domain.contact.StoredContactData;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A contact's data as read from its column: the JSON text, parsed the first time it is read as a map
 * (a page shown as JSON never parses it: the HTTP layer copies {@link #json()}). Unmodifiable.
 */
public final class StoredJson extends AbstractMap<String, Object> implements StoredContactData {

    /** The mapper of stored contact data (written by the stores, read back here). */
    public static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final ObjectReader READER = JSON.readerFor(LinkedHashMap.class);

    private final String json;
    private volatile Map<String, Object> parsed;

    public StoredJson(String json) {
        this.json = json;
    }

    @Override
    public String json() {
        return json;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return map().entrySet();
    }

    @Override
    public Object get(Object key) {
        return map().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map().containsKey(key);
    }

    @Override
    public int size() {
        return map().size();
    }

    private Map<String, Object> map() {
        Map<String, Object> m = parsed;
        if (m == null) {
            try {
                LinkedHashMap<String, Object> read = READER.readValue(json);
                m = Collections.unmodifiableMap(read);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored contact data is not JSON", e);
            }
            parsed = m;
        }
        return m;
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>> MAP = new com.fasterxml.jackson.core.type.TypeReference<>() { };

    public static String toJson(java.util.Map<String, Object> data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("contact data is not serializable", e);
        }
    }

    public static java.util.Map<String, Object> fromJson(String json) {
        if (json == null) {
            return java.util.Map.of();
        }
        try {
            return JSON.readValue(json, MAP);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored contact data is not JSON", e);
        }
    }
}
