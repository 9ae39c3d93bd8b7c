package io.batchcall.adapter.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.MalformedUploadException;
import io.vertx.core.buffer.Buffer;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * POST /batch/create as JSON, without materialising the contact list: the body is read twice with a
 * streaming parser (the job's fields first, then the contacts one by one).
 */
final class JsonUpload {

    private static final JsonFactory FACTORY = RequestFields.JSON.getFactory();

    private JsonUpload() {
    }

    static Upload parse(String organizationId, Buffer body) {
        ObjectNode fields = RequestFields.JSON.createObjectNode();
        boolean hasContacts = false;
        RequestFields.refuseNul(body);
        try (JsonParser p = FACTORY.createParser(new BufferInputStream(body))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ApiException.badRequest("invalid_json", "The body must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("contacts".equals(name)) {
                    if (value != JsonToken.START_ARRAY) {
                        throw ApiException.badRequest("invalid_contacts", "contacts must be an array of objects with a phone field");
                    }
                    hasContacts = true;
                    p.skipChildren();
                } else {
                    fields.set(name, p.readValueAsTree());
                }
            }
            if (p.nextToken() != null) {
                throw ApiException.badRequest("invalid_json", "Unexpected content after the JSON object");
            }
        } catch (IOException e) {
            throw ApiException.badRequest("invalid_json", "Malformed JSON: " + RequestFields.userMessage(e.getMessage()));
        }
        if (!hasContacts) {
            throw ApiException.badRequest("missing_contacts", "contacts is required (JSON), or upload a CSV file as multipart/form-data");
        }
        Contacts rows = new Contacts(body);
        try {
            return Upload.of(organizationId, fields, false, rows, rows);
        } catch (RuntimeException refused) {
            rows.close();
            throw refused;
        }
    }

    /** Streams the elements of the top-level "contacts" array. */
    private static final class Contacts implements Iterator<ContactRow>, Closeable {
        private final JsonParser parser;
        private long row;
        private JsonToken next;

        Contacts(Buffer body) {
            try {
                parser = FACTORY.createParser(new BufferInputStream(body));
                parser.nextToken();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    JsonToken t = parser.nextToken();
                    if ("contacts".equals(parser.currentName()) && t == JsonToken.START_ARRAY) {
                        break;
                    }
                    parser.skipChildren();
                }
                next = parser.nextToken();
            } catch (IOException e) {
                throw ApiException.badRequest("invalid_json", "Malformed JSON: " + RequestFields.userMessage(e.getMessage()));
            }
        }

        @Override
        public boolean hasNext() {
            return next != null && next != JsonToken.END_ARRAY;
        }

        @Override
        @SuppressWarnings("unchecked")
        public ContactRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                JsonNode node = parser.readValueAsTree();
                next = parser.nextToken();
                row++;
                if (node instanceof ObjectNode object) {
                    JsonNode phone = object.remove(phoneField(object));
                    Map<String, Object> data = RequestFields.JSON.convertValue(object, Map.class);
                    return new ContactRow(row, phone == null || phone.isNull() || !phone.isValueNode() ? null : phone.asText(), data);
                }
                return new ContactRow(row, node != null && node.isTextual() ? node.asText() : null, Map.of());
            } catch (IOException | IllegalArgumentException e) {
                throw new MalformedUploadException("invalid_json", "Malformed JSON in contact " + (row + 1) + ": "
                        + RequestFields.userMessage(e.getMessage()), e);
            }
        }

        /** {@code phone}, else the first of {@link PhoneColumn}'s names the object has (any case, spaces or underscores). */
        private static String phoneField(ObjectNode object) {
            if (object.has("phone")) {
                return "phone";
            }
            java.util.List<String> names = new java.util.ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            int at = PhoneColumn.find(names);
            return at < 0 ? "phone" : names.get(at);
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException ignored) {
                // the body is in memory: nothing to release
            }
        }
    }
}
