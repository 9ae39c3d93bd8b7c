package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

import java.util.Iterator;

/**
 * The rows of an upload, read one by one while they are stored: each a row, or the problem that makes the
 * upload unreadable from there on (a quote never closed, malformed JSON: {@code invalid_csv}, {@code invalid_json},
 * {@code invalid_text}) — then the create is answered with that problem and nothing of it is stored.
 */
public interface ContactRows extends Iterator<Either<BatchJobError, ContactRow>> {

    /** Rows that are all readable. */
    static ContactRows of(Iterator<ContactRow> rows) {
        return from(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Either<BatchJobError, ContactRow> next() {
                return Either.right(rows.next());
            }
        });
    }

    static ContactRows of(Iterable<ContactRow> rows) {
        return of(rows.iterator());
    }

    /** Rows read by a reader that reports its own problems. */
    static ContactRows from(Iterator<Either<BatchJobError, ContactRow>> rows) {
        return rows instanceof ContactRows r ? r : new ContactRows() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Either<BatchJobError, ContactRow> next() {
                return rows.next();
            }
        };
    }
}
