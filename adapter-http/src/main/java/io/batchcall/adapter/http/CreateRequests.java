package io.batchcall.adapter.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJobCommand;
import io.batchcall.application.port.in.MalformedUploadException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Turns a POST /batch/create request into a command and a stream of rows, without materialising the
 * contact list: JSON is read twice with a streaming parser (fields, then contacts one by one); a CSV
 * upload is read from the temporary file, record by record.
 */
final class CreateRequests {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private CreateRequests() {
    }

    /** A parsed request: the command, the rows, and what to close when done. */
    record Parsed(CreateBatchJobCommand command, Iterator<ContactRow> rows, Closeable resource) {
    }

    // ------------------------------------------------------------------ JSON

    static Parsed fromJson(String organizationId, Buffer body) {
        ObjectNode fields = JSON.createObjectNode();
        boolean hasContacts = false;
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
            throw ApiException.badRequest("invalid_json", "Malformed JSON: " + firstLine(e.getMessage()));
        }
        if (!hasContacts) {
            throw ApiException.badRequest("missing_contacts", "contacts is required (JSON), or upload a CSV file as multipart/form-data");
        }
        JsonContacts rows = new JsonContacts(body);
        return new Parsed(command(organizationId, fields), rows, rows);
    }

    /** Streams the elements of the top-level "contacts" array. */
    private static final class JsonContacts implements Iterator<ContactRow>, Closeable {
        private final JsonParser parser;
        private long row;
        private JsonToken next;

        JsonContacts(Buffer body) {
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
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean hasNext() {
            return next != null && next != JsonToken.END_ARRAY;
        }

        @Override
        public ContactRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                JsonNode node = parser.readValueAsTree();
                next = parser.nextToken();
                row++;
                if (node instanceof ObjectNode object) {
                    JsonNode phone = object.remove("phone");
                    Map<String, Object> data = JSON.convertValue(object, Map.class);
                    return new ContactRow(row, phone == null || phone.isNull() ? null : phone.asText(), data);
                }
                return new ContactRow(row, node.isTextual() ? node.asText() : null, Map.of());
            } catch (IOException e) {
                throw new MalformedUploadException("invalid_json", "Malformed JSON in contacts: " + firstLine(e.getMessage()), e);
            }
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }

    // ------------------------------------------------------------------ multipart CSV

    static Parsed fromCsv(String organizationId, MultiMap form, Path file) {
        ObjectNode fields = JSON.createObjectNode();
        for (String name : form.names()) {
            List<String> values = form.getAll(name);
            if ("retryableStatuses".equals(name)) {
                var array = fields.putArray(name);
                for (String v : values) {
                    String t = v.trim();
                    if (t.startsWith("[")) {
                        try {
                            JSON.readTree(t).forEach(array::add);
                        } catch (IOException e) {
                            throw ApiException.badRequest("invalid_retryable_statuses", "retryableStatuses is not a JSON array");
                        }
                    } else {
                        for (String part : t.split(",")) {
                            if (!part.isBlank()) {
                                array.add(part.trim());
                            }
                        }
                    }
                }
            } else {
                fields.put(name, values.get(0));
            }
        }
        CsvContacts rows = new CsvContacts(file);
        return new Parsed(command(organizationId, fields), rows, rows);
    }

    /** Streams CSV records; the header row names the fields, a "phone" column (any case) is required. */
    private static final class CsvContacts implements Iterator<ContactRow>, Closeable {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final List<String> headers;
        private final int phoneColumn;
        private long row;

        CsvContacts(Path file) {
            try {
                Reader reader = withoutBom(new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16));
                CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                        .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true)
                        .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).get();
                parser = CSVParser.builder().setReader(reader).setFormat(format).get();
            } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                throw ApiException.badRequest("invalid_csv", "The CSV header cannot be read: " + firstLine(e.getMessage()));
            }
            headers = new ArrayList<>(parser.getHeaderNames());
            int phone = -1;
            for (int i = 0; i < headers.size(); i++) {
                if (headers.get(i) != null && headers.get(i).trim().equalsIgnoreCase("phone")) {
                    phone = i;
                    break;
                }
            }
            if (phone < 0) {
                close();
                throw ApiException.badRequest("missing_phone_column", "The CSV needs a header row with a 'phone' column");
            }
            phoneColumn = phone;
            records = parser.iterator();
        }

        @Override
        public boolean hasNext() {
            try {
                return records.hasNext();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new MalformedUploadException("invalid_csv", "Malformed CSV after data row " + row + ": "
                        + firstLine(e.getMessage()), e);
            }
        }

        @Override
        public ContactRow next() {
            CSVRecord record;
            try {
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new MalformedUploadException("invalid_csv", "Malformed CSV after data row " + row + ": "
                        + firstLine(e.getMessage()), e);
            }
            row++;
            Map<String, Object> data = new LinkedHashMap<>();
            String phone = null;
            for (int i = 0; i < record.size() && i < headers.size(); i++) {
                if (i == phoneColumn) {
                    phone = record.get(i);
                } else if (headers.get(i) != null && !headers.get(i).isBlank()) {
                    data.put(headers.get(i).trim(), record.get(i));
                }
            }
            return new ContactRow(row, phone, data);
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException ignored) {
                // the temporary file is deleted by Vert.x at the end of the request
            }
        }

        private static Reader withoutBom(Reader reader) throws IOException {
            PushbackReader pushback = new PushbackReader(reader, 1);
            int first = pushback.read();
            if (first != -1 && first != '\uFEFF') {
                pushback.unread(first);
            }
            return pushback;
        }
    }

    // ------------------------------------------------------------------ fields

    private static CreateBatchJobCommand command(String organizationId, ObjectNode f) {
        return new CreateBatchJobCommand(organizationId,
                text(f, "name", "missing_name"),
                text(f, "description", "description_too_long"),
                text(f, "agentId", "invalid_agent_id"),
                text(f, "fromPhoneNumberId", "missing_from_phone_number_id"),
                integer(f, "concurrentCallLimit", "invalid_concurrent_call_limit"),
                integer(f, "maxAttempts", "invalid_max_attempts"),
                stringList(f, "retryableStatuses", "invalid_retryable_statuses"),
                longValue(f, "retryDelaySeconds", "invalid_retry_delay"),
                text(f, "scheduledStartTime", "invalid_scheduled_time"),
                text(f, "timezone", "invalid_timezone"));
    }

    static String text(JsonNode f, String name, String code) {
        JsonNode n = f.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isValueNode()) {
            throw ApiException.badRequest(code, name + " must be a string");
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    static Integer integer(JsonNode f, String name, String code) {
        Long v = longValue(f, name, code);
        if (v == null) {
            return null;
        }
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw ApiException.badRequest(code, name + " is out of range");
        }
        return v.intValue();
    }

    static Long longValue(JsonNode f, String name, String code) {
        JsonNode n = f.get(name);
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        if (n.isTextual() && n.asText().trim().matches("-?\\d{1,18}")) {
            return Long.parseLong(n.asText().trim());
        }
        throw ApiException.badRequest(code, name + " must be an integer");
    }

    static List<String> stringList(JsonNode f, String name, String code) {
        JsonNode n = f.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (n.isTextual()) {
            for (String part : n.asText().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return out;
        }
        if (!n.isArray()) {
            throw ApiException.badRequest(code, name + " must be an array of statuses");
        }
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw ApiException.badRequest(code, name + " must be an array of statuses");
            }
            out.add(e.asText());
        }
        return out;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
