package io.batchcall.adapter.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.MalformedUploadException;
import io.vertx.core.MultiMap;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * POST /batch/create as multipart/form-data: the job's fields from the form, the contacts from the CSV
 * file spooled to disk, read record by record. A header row names the fields; a "phone" column (any
 * case) is required; other columns become contactData.
 */
final class CsvUpload {

    private static final Pattern LINE = Pattern.compile("\\((?:start)?line (\\d+)\\)");

    private CsvUpload() {
    }

    static Upload parse(String organizationId, MultiMap form, Path file) {
        ObjectNode fields = RequestFields.JSON.createObjectNode();
        for (String name : form.names()) {
            List<String> values = form.getAll(name);
            RequestFields.refuseNul("The form field name", name);
            for (String v : values) {
                RequestFields.refuseNul("The form field " + (name.length() > 64 ? name.substring(0, 64) + "…" : name), v);
            }
            if ("retryableStatuses".equals(name)) {
                var array = fields.putArray(name);
                for (String v : values) {
                    String t = v.trim();
                    if (t.startsWith("[")) {
                        try {
                            RequestFields.JSON.readTree(t).forEach(array::add);
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
        Contacts rows = new Contacts(file);
        try {
            return Upload.of(organizationId, fields, true, rows, rows);
        } catch (RuntimeException refused) {
            rows.close();
            throw refused;
        }
    }

    /** A CSV problem in the user's words: where (line or row) and what, without the parser's own wording. */
    static String problem(String where, Exception e) {
        String message = RequestFields.userMessage(e.getMessage());
        Matcher line = LINE.matcher(message);
        String at = line.find() ? "line " + line.group(1) : where;
        if (message.contains("EOF reached before encapsulated token finished")) {
            return "Malformed CSV at " + at + ": a quote (\") is opened and never closed; close it, or double a quote inside a quoted"
                    + " value (\"\")";
        }
        if (message.contains("invalid char between encapsulated token and delimiter")) {
            return "Malformed CSV at " + at + ": a quoted value is followed by text before the next comma; a quote inside a quoted"
                    + " value is written twice (\"\")";
        }
        message = LINE.matcher(message).replaceAll("").replaceAll("^(?i)IOException reading next record:\\s*", "").trim();
        return "Malformed CSV at " + at + (message.isEmpty() ? "" : ": " + message);
    }

    private static final class Contacts implements Iterator<ContactRow>, Closeable {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final List<String> headers;
        private final int phoneColumn;
        private long row;

        Contacts(Path file) {
            Reader reader = null;
            CSVParser p = null;
            try {
                reader = withoutBom(new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16));
                CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                        .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true)
                        .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).get();
                p = CSVParser.builder().setReader(reader).setFormat(format).get();
            } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                closeQuietly(reader);
                throw ApiException.badRequest("invalid_csv", problem("the header row", e));
            }
            parser = p;
            headers = new ArrayList<>(parser.getHeaderNames());
            for (String h : headers) {
                if (h != null && h.indexOf('\0') >= 0) {
                    close();
                    throw ApiException.badRequest("invalid_text", "The CSV header row contains the NUL character (U+0000), which text may not hold");
                }
            }
            int phone = PhoneColumn.find(headers);
            if (phone < 0) {
                close();
                throw ApiException.badRequest("missing_phone_column", PhoneColumn.missing(headers));
            }
            phoneColumn = phone;
            records = parser.iterator();
        }

        @Override
        public boolean hasNext() {
            try {
                return records.hasNext();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new MalformedUploadException("invalid_csv", problem("data row " + (row + 1), e), e);
            }
        }

        @Override
        public ContactRow next() {
            CSVRecord record;
            try {
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new MalformedUploadException("invalid_csv", problem("data row " + (row + 1), e), e);
            }
            row++;
            for (int i = 0; i < record.size(); i++) {
                if (record.get(i).indexOf('\0') >= 0) {
                    throw new MalformedUploadException("invalid_text", "Data row " + row + " contains the NUL character (U+0000), which text may not hold",
                            null);
                }
            }
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
            closeQuietly(parser);
        }

        private static void closeQuietly(Closeable c) {
            if (c == null) {
                return;
            }
            try {
                c.close();
            } catch (IOException ignored) {
                // the spooled file is deleted at the end of the request anyway
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
}
