package io.batchcall.adapter.http.upload;

import io.batchcall.adapter.http.edge.RequestFields;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.ContactRows;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;
import io.vavr.control.Option;
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
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * POST /batch/create as multipart/form-data: the job's fields from the form, the contacts from the CSV
 * file spooled to disk, read record by record. A header row names the fields; a phone column
 * ({@link PhoneColumn}) is required; other columns become contactData.
 */
public final class CsvUpload {

    private static final Pattern LINE = Pattern.compile("\\((?:start)?line (\\d+)\\)");

    private CsvUpload() {
    }

    public static Either<BatchJobError, Upload> parse(String organizationId, MultiMap form, Path file) {
        return parse(form, file, (fields, rows, resource) -> Upload.of(organizationId, fields, rows, resource));
    }

    /** The form's fields and the file's contacts, made into what {@code reader} makes of them. */
    public static <T> Either<BatchJobError, T> parse(MultiMap form, Path file, Upload.Reader<T> reader) {
        ObjectNode fields = RequestFields.JSON.createObjectNode();
        for (String name : form.names()) {
            List<String> values = form.getAll(name);
            Option<BatchJobError> nul = RequestFields.nul("The form field name", name);
            for (String v : values) {
                nul = nul.orElse(() -> RequestFields.nul("The form field " + (name.length() > 64 ? name.substring(0, 64) + "…" : name), v));
            }
            if (nul.isDefined()) {
                return Either.left(nul.get());
            }
            if ("retryableStatuses".equals(name)) {
                var array = fields.putArray(name);
                for (String v : values) {
                    String t = v.trim();
                    if (t.startsWith("[")) {
                        try {
                            RequestFields.JSON.readTree(t).forEach(array::add);
                        } catch (IOException e) {
                            return RequestFields.invalid("invalid_retryable_statuses", "retryableStatuses is not a JSON array");
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
        return contacts(file).flatMap(rows -> reader.read(RequestFields.form(fields), rows, rows));
    }

    /** The contacts of a spooled CSV file, read record by record (the suppression list's upload reads its numbers so too). */
    public static Either<BatchJobError, Contacts> contacts(Path file) {
        return Contacts.open(file);
    }

    /** A CSV problem in the user's words: where (line or row) and what, without the parser's own wording. */
    public static String problem(String where, Exception e) {
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

    /** The data rows; a row that cannot be read is the last thing read (the upload is refused with it). */
    public static final class Contacts implements ContactRows, Closeable {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final List<String> headers;
        private final int phoneColumn;
        private long row;
        private boolean broken;
        /** A record that could not be read, found by hasNext: next answers it. */
        private RuntimeException unread;

        private Contacts(CSVParser parser, List<String> headers, int phoneColumn) {
            this.parser = parser;
            this.headers = headers;
            this.phoneColumn = phoneColumn;
            this.records = parser.iterator();
        }

        static Either<BatchJobError, Contacts> open(Path file) {
            Reader reader = null;
            CSVParser p;
            try {
                reader = withoutBom(new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16));
                CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                        .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true)
                        .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).get();
                p = CSVParser.builder().setReader(reader).setFormat(format).get();
            } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                Upload.closeQuietly(reader);
                return RequestFields.invalid("invalid_csv", problem("the header row", e));
            }
            List<String> headers = new ArrayList<>(p.getHeaderNames());
            for (String h : headers) {
                if (h != null && h.indexOf('\0') >= 0) {
                    Upload.closeQuietly(p);
                    return RequestFields.invalid("invalid_text", "The CSV header row contains the NUL character (U+0000), which text may not hold");
                }
            }
            int phone = PhoneColumn.find(headers);
            if (phone < 0) {
                Upload.closeQuietly(p);
                return RequestFields.invalid("missing_phone_column", PhoneColumn.missing(headers));
            }
            return Either.right(new Contacts(p, headers, phone));
        }

        @Override
        public boolean hasNext() {
            if (broken) {
                return false;
            }
            if (unread != null) {
                return true;
            }
            try {
                return records.hasNext();
            } catch (UncheckedIOException | IllegalStateException e) {
                unread = e; // next() answers it
                return true;
            }
        }

        @Override
        public Either<BatchJobError, ContactRow> next() {
            if (broken) {
                throw new NoSuchElementException();
            }
            CSVRecord record;
            try {
                if (unread != null) {
                    throw unread;
                }
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                broken = true;
                return RequestFields.invalid("invalid_csv", problem("data row " + (row + 1), e));
            }
            row++;
            for (int i = 0; i < record.size(); i++) {
                if (record.get(i).indexOf('\0') >= 0) {
                    broken = true;
                    return RequestFields.invalid("invalid_text", "Data row " + row + " contains the NUL character (U+0000), which text may not hold");
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
            return Either.right(new ContactRow(row, phone, data));
        }

        @Override
        public void close() {
            Upload.closeQuietly(parser);
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
