package io.batchcall.adapter.persistence;

/**
 * The one place where the embedded store (SQLite) and PostgreSQL differ in SQL. Everything else the
 * adapter writes is SQL both accept.
 */
public enum SqlDialect {

    /** One writer connection serializes all writes: a row lock would add nothing (and SQLite has none). */
    SQLITE("", "", false, false),
    /** Several instances write at once: every change locks the job row (claims the organization row first). */
    POSTGRESQL(" for update", " for update skip locked", true, true);

    private final String forUpdate;
    private final String skipLocked;
    private final boolean copy;
    private final boolean arrays;

    SqlDialect(String forUpdate, String skipLocked, boolean copy, boolean arrays) {
        this.forUpdate = forUpdate;
        this.skipLocked = skipLocked;
        this.copy = copy;
        this.arrays = arrays;
    }

    /**
     * Whether a set of values goes as one array parameter ({@code = any(?)}, {@code unnest(?, ?)}) — one statement
     * text whatever the count, prepared once and run once — instead of an {@code in} list per count or one statement
     * per row (PostgreSQL). SQLite has no arrays; its statements run in-process, where a batch costs little.
     */
    public boolean arrays() {
        return arrays;
    }

    /** Appended to a select that takes the rows it reads that no other transaction holds, and locks them. */
    public String skipLocked() {
        return skipLocked;
    }

    /** Appended to a select that must lock the rows it reads until the transaction ends. */
    public String forUpdate() {
        return forUpdate;
    }

    /**
     * Placed after {@code from contact} in a query for a job's contacts in one status: SQLite keeps no statistics, and
     * its planner walks the whole job by its primary key (job, seq) rather than the (job, status, seq) index — 140 ms
     * a query on a million-contact job when a handful are dialing; PostgreSQL's planner knows better.
     */
    public String byStatus() {
        return this == SQLITE ? " indexed by contact_job_status_seq" : "";
    }

    /** The embedded store, whose planner is told which index to read where it would not find it (no statistics). */
    public boolean isSqlite() {
        return this == SQLITE;
    }

    /** Whether writers lock rows (PostgreSQL); SQLite's one writer is alone anyway. */
    public boolean locksRows() {
        return !forUpdate.isEmpty();
    }

    /**
     * Whether contacts are bulk-loaded with COPY in the job's one create transaction (PostgreSQL), or
     * inserted in chunks committed one by one into a job that stays invisible until the last
     * (SQLite, whose single writer must not be held for a whole million-row import).
     */
    public boolean copiesInOneTransaction() {
        return copy;
    }
}
