package io.batchcall.adapter.persistence.job;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.batchcall.application.port.out.NewContact;
import io.batchcall.domain.job.BatchJob;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;

/**
 * Bulk-loads a job's contacts with PostgreSQL's COPY (text format), streamed in 1 MB chunks. The contact data's JSON
 * is written by one Jackson generator straight into the chunk ({@link CopyText}), not into a String per contact that is
 * then scanned for escaping and copied.
 */
final class PostgresCopy {

    private static final int CHUNK = 1 << 20;

    private PostgresCopy() {
    }

    /** Writes the values of contact data that are not text (numbers, booleans, nested objects and lists, null). */
    private static final ObjectWriter DATA = ContactRows.JSON.writer();

    /** The contacts, COPYed; a row without a priority stores none, or 0 in a job already {@code prioritized}. */
    static long copyContacts(Connection c, BatchJob job, Iterator<NewContact> contacts, boolean prioritized,
                             java.util.function.Consumer<NewContact> counted) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY contact (job_id, seq, phone_number, contact_data, status, attempt_count, max_attempts, timezone, expires_at, priority)"
                        + " FROM STDIN");
        long count = 0;
        try {
            StringBuilder sb = new StringBuilder(CHUNK + 4096);
            JsonGenerator json = generator(sb);
            String prefix = escape(job.id()) + '\t';
            String suffix = "\tpending\t0\t" + job.retryPolicy().maxAttempts() + '\t';
            while (contacts.hasNext()) {
                NewContact n = contacts.next();
                sb.append(prefix).append(n.seq()).append('\t').append(n.phone().value()).append('\t');
                write(json, n.contactData());
                sb.append(suffix)
                        .append(n.timezone().isDefined() ? escape(n.timezone().get()) : "\\N").append('\t');
                if (n.expiresAt().isDefined()) {
                    sb.append(n.expiresAt().get().toEpochMilli());
                } else {
                    sb.append("\\N");
                }
                sb.append('\t');
                if (n.priority().isDefined() || prioritized) {
                    sb.append(n.priorityOrDefault());
                } else {
                    sb.append("\\N");
                }
                sb.append('\n');
                counted.accept(n);
                count++;
                if (sb.length() >= CHUNK) {
                    write(copy, sb);
                }
            }
            write(copy, sb);
            copy.endCopy();
            return count;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static JsonGenerator generator(StringBuilder sb) {
        try {
            JsonGenerator json = DATA.createGenerator(new CopyText(sb));
            json.setRootValueSeparator(null); // one JSON value per row, nothing between them
            return json;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a Writer over a StringBuilder does not fail
        }
    }

    /**
     * One contact's data as JSON: text values (all of a CSV upload's) written by the generator directly, any other value
     * by the databind writer — the same JSON as {@code ObjectMapper.writeValueAsString}, without a serializer lookup per
     * contact.
     */
    private static void write(JsonGenerator json, Map<String, Object> data) {
        try {
            json.writeStartObject();
            for (Map.Entry<String, Object> e : data.entrySet()) {
                json.writeFieldName(e.getKey());
                if (e.getValue() instanceof String text) {
                    json.writeString(text);
                } else {
                    DATA.writeValue(json, e.getValue());
                }
            }
            json.writeEndObject();
            json.flush(); // into the chunk, before the row's next column
        } catch (IOException e) {
            throw new IllegalArgumentException("contact data is not serializable", e);
        }
    }

    /**
     * Appends what a JSON generator writes to a COPY chunk, escaped for COPY's text format: JSON text never holds a raw
     * tab, newline or carriage return (it writes them as escapes), so only backslashes are doubled.
     */
    static final class CopyText extends Writer {
        private final StringBuilder sb;

        CopyText(StringBuilder sb) {
            this.sb = sb;
        }

        @Override
        public void write(char[] chars, int off, int len) {
            int from = off;
            for (int i = off; i < off + len; i++) {
                if (chars[i] == '\\') {
                    sb.append(chars, from, i + 1 - from).append('\\');
                    from = i + 1;
                }
            }
            sb.append(chars, from, off + len - from);
        }

        @Override
        public void write(String s, int off, int len) {
            int from = off;
            for (int i = s.indexOf('\\', off); i >= 0 && i < off + len; i = s.indexOf('\\', i + 1)) {
                sb.append(s, from, i + 1).append('\\');
                from = i + 1;
            }
            sb.append(s, from, off + len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static void write(CopyIn copy, StringBuilder sb) throws SQLException {
        if (sb.length() > 0) {
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            sb.setLength(0);
        }
    }

    /** COPY text format: backslash, tab, newline and carriage return are escaped. */
    static String escape(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
