package io.batchcall.adapter.http.upload;

import io.batchcall.adapter.http.edge.RequestFields;
import io.batchcall.adapter.http.edge.BufferInputStream;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.ContactRows;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;
import io.vertx.core.buffer.Buffer;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * POST /batch/create as JSON: the job's fields and a {@code contacts} array, read in two passes of a
 * streaming parser (the job's fields first, then the contacts one by one).
 */
public final class JsonUpload {

    private static final JsonFactory FACTORY = RequestFields.JSON.getFactory();

    private JsonUpload() {
    }

    public static Either<BatchJobError, Upload> parse(String organizationId, Buffer body) {
        return parse(body, (fields, rows, resource) -> Upload.of(organizationId, fields, rows, resource));
    }

    /** The body's fields and its streamed contacts, made into what {@code reader} makes of them. */
    public static <T> Either<BatchJobError, T> parse(Buffer body, Upload.Reader<T> reader) {
        if (RequestFields.hasNul(body)) {
            return RequestFields.invalid("invalid_text", "Text may not contain the NUL character (U+0000, \\u0000)");
        }
        ObjectNode fields = RequestFields.JSON.createObjectNode();
        boolean hasContacts = false;
        try (JsonParser p = FACTORY.createParser(new BufferInputStream(body))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return RequestFields.invalid("invalid_json", "The body must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("contacts".equals(name)) {
                    if (value != JsonToken.START_ARRAY) {
                        return RequestFields.invalid("invalid_contacts", "contacts must be an array of objects with a phone field");
                    }
                    hasContacts = true;
                    p.skipChildren();
                } else {
                    fields.set(name, p.readValueAsTree());
                }
            }
            if (p.nextToken() != null) {
                return RequestFields.invalid("invalid_json", "Unexpected content after the JSON object");
            }
        } catch (IOException e) {
            return RequestFields.invalid("invalid_json", "Malformed JSON: " + RequestFields.userMessage(e.getMessage()));
        }
        if (!hasContacts) {
            return RequestFields.invalid("missing_contacts", "contacts is required (JSON), or upload a CSV file as multipart/form-data");
        }
        return Contacts.open(body).flatMap(rows -> reader.read(RequestFields.json(fields), rows, rows));
    }

    /** Streams the elements of the top-level "contacts" array; a malformed element is the last thing read. */
    private static final class Contacts implements ContactRows, Closeable {
        private final JsonParser parser;
        private long row;
        private JsonToken next;
        private boolean broken;

        private Contacts(JsonParser parser, JsonToken next) {
            this.parser = parser;
            this.next = next;
        }

        static Either<BatchJobError, Contacts> open(Buffer body) {
            try {
                JsonParser parser = FACTORY.createParser(new BufferInputStream(body));
                parser.nextToken();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    JsonToken t = parser.nextToken();
                    if ("contacts".equals(parser.currentName()) && t == JsonToken.START_ARRAY) {
                        break;
                    }
                    parser.skipChildren();
                }
                return Either.right(new Contacts(parser, parser.nextToken()));
            } catch (IOException e) {
                return RequestFields.invalid("invalid_json", "Malformed JSON: " + RequestFields.userMessage(e.getMessage()));
            }
        }

        @Override
        public boolean hasNext() {
            return !broken && next != null && next != JsonToken.END_ARRAY;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Either<BatchJobError, ContactRow> next() {
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
                    return Either.right(new ContactRow(row, phone == null || phone.isNull() || !phone.isValueNode() ? null : phone.asText(), data));
                }
                return Either.right(new ContactRow(row, node != null && node.isTextual() ? node.asText() : null, Map.of()));
            } catch (IOException | IllegalArgumentException e) {
                broken = true;
                return RequestFields.invalid("invalid_json", "Malformed JSON in contact " + (row + 1) + ": " + RequestFields.userMessage(e.getMessage()));
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
