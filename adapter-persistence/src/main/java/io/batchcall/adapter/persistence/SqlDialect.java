package io.batchcall.adapter.persistence;

/**
 * The one place where the embedded store (SQLite) and PostgreSQL differ in SQL. Everything else the
 * adapter writes is SQL both accept.
 */
enum SqlDialect {

    /** One writer connection serializes all writes: a row lock would add nothing (and SQLite has none). */
    SQLITE("", "", false),
    /** Several instances write at once: every change locks the job row (claims the organization row first). */
    POSTGRESQL(" for update", " for update skip locked", true);

    private final String forUpdate;
    private final String skipLocked;
    private final boolean copy;

    SqlDialect(String forUpdate, String skipLocked, boolean copy) {
        this.forUpdate = forUpdate;
        this.skipLocked = skipLocked;
        this.copy = copy;
    }

    /** Appended to a select that takes the rows it reads that no other transaction holds, and locks them. */
    String skipLocked() {
        return skipLocked;
    }

    /** Appended to a select that must lock the rows it reads until the transaction ends. */
    String forUpdate() {
        return forUpdate;
    }

    /**
     * Whether contacts are bulk-loaded with COPY in the job's one create transaction (PostgreSQL), or
     * inserted in chunks committed one by one into a job that stays invisible until the last
     * (SQLite, whose single writer must not be held for a whole million-row import).
     */
    boolean copiesInOneTransaction() {
        return copy;
    }
}
