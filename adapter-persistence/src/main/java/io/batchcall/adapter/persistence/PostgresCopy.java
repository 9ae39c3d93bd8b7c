package io.batchcall.adapter.persistence;

import io.batchcall.application.port.out.NewContact;
import io.batchcall.domain.job.BatchJob;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongConsumer;

/** Bulk-loads a job's contacts with PostgreSQL's COPY (text format), streamed in 1 MB chunks. */
final class PostgresCopy {

    private static final int CHUNK = 1 << 20;

    private PostgresCopy() {
    }

    static long copyContacts(Connection c, BatchJob job, Iterator<NewContact> contacts, java.util.function.Consumer<NewContact> counted,
                             Function<Map<String, Object>, String> json) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY contact (job_id, seq, phone_number, contact_data, status, attempt_count, max_attempts, timezone) FROM STDIN");
        long count = 0;
        try {
            StringBuilder sb = new StringBuilder(CHUNK + 4096);
            String prefix = escape(job.id()) + '\t';
            String suffix = "\tpending\t0\t" + job.retryPolicy().maxAttempts() + '\t';
            while (contacts.hasNext()) {
                NewContact n = contacts.next();
                sb.append(prefix).append(n.seq()).append('\t').append(n.phone().value()).append('\t')
                        .append(escape(json.apply(n.contactData()))).append(suffix)
                        .append(n.timezone().isDefined() ? escape(n.timezone().get()) : "\\N").append('\n');
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
