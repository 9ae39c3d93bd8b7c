package io.batchcall.adapter.persistence;

/** A storage fault (connection lost, disk full…). Never carries SQL to callers; the cause is for logs. */
public final class StorageException extends RuntimeException {
    public StorageException(Throwable cause) {
        super("storage failure", cause);
    }
}
