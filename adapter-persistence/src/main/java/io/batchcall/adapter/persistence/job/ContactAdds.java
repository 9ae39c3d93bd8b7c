package io.batchcall.adapter.persistence.job;

import io.batchcall.adapter.persistence.SqlDialect;
import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.application.port.out.NewContact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.job.BatchJob;
import io.vavr.control.Option;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Contacts added to a job that exists (CONTRACT §16), in one transaction: all or nothing, also across a crash, and seen
 * by readers only once all are written. The job row is locked first (adds to one job take turns; a job that became final
 * meanwhile takes none); the contacts are numbered after its last, then its counters, rank buckets and zone groups grow.
 * PostgreSQL copies them (COPY); SQLite inserts them in batches — its single writer is held for the writes (the rows
 * are read and checked before, up to {@link #READ_AHEAD}).
 */
final class ContactAdds {

    /**
     * Rows of an add read and checked before its transaction opens (≈ 200 bytes each in memory); the rest of a larger
     * add is read inside it, holding the writer that much longer.
     */
    static final int READ_AHEAD = 250_000;

    private ContactAdds() {
    }

    /** The numbers among {@code phones} the job has already, by the (job, number) index. */
    static Set<String> numbersIn(Connection c, String jobId, Collection<String> phones) throws SQLException {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(phones);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> part = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(part.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("select phone_number from contact where job_id = ? and phone_number in (" + marks + ")")) {
                ps.setString(1, jobId);
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 2, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    /** {@link io.batchcall.application.port.out.JobRecords#addContacts}, in the caller's transaction. */
    static Option<Long> add(Connection c, SqlDialect sql, BatchJob job, Iterator<NewContact> contacts) throws SQLException {
        Option<JobSnapshot> locked = JobRows.load(c, job.id(), sql.forUpdate());
        if (locked.isEmpty() || locked.get().job().status().isFinal()) {
            return Option.none();
        }
        BatchJob current = locked.get().job();
        long before = locked.get().breakdown().total();
        long[] next = {before};
        Iterator<NewContact> numbered = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return contacts.hasNext();
            }

            @Override
            public NewContact next() {
                NewContact n = contacts.next();
                return n.at(++next[0]);
            }
        };
        ContactImport.BucketCounter buckets = new ContactImport.BucketCounter();
        boolean prioritized = JobPriorities.stored(c, job.id());
        long added;
        if (sql.copiesInOneTransaction()) {
            added = PostgresCopy.copyContacts(c, current, numbered, prioritized, buckets::add);
        } else {
            added = 0;
            while (numbered.hasNext()) {
                added += ContactImport.insertChunk(c, current, numbered, prioritized, buckets);
            }
        }
        if (added == 0) {
            return Option.of(0L);
        }
        JobPriorities.settle(c, job.id(), prioritized, buckets.sawPriority());
        JobRows.applyCounts(c, job.id(), Map.of(ContactStatus.PENDING, added));
        try (PreparedStatement ps = c.prepareStatement("update batch_job set total_contacts = total_contacts + ? where id = ?")) {
            ps.setLong(1, added);
            ps.setString(2, job.id());
            ps.executeUpdate();
        }
        int existing = before == 0 ? 0 : RankedPages.bucketOf(before) + 1;
        List<RankedPages.RankDelta> grown = new ArrayList<>();
        for (int b = 0; b < Math.min(existing, buckets.size()); b++) {
            if (buckets.counts()[b] > 0) {
                grown.add(new RankedPages.RankDelta(ContactStatus.PENDING, b, buckets.counts()[b]));
            }
        }
        RankedPages.apply(c, job.id(), grown);
        if (buckets.size() > existing) {
            RankedPages.insert(c, job.id(), buckets.counts(), existing, buckets.size());
        }
        for (Map.Entry<String, Long> z : buckets.zones().entrySet()) {
            try (PreparedStatement up = c.prepareStatement("update job_zone set contacts = contacts + ? where job_id = ? and timezone = ?")) {
                up.setLong(1, z.getValue());
                up.setString(2, job.id());
                up.setString(3, z.getKey());
                if (up.executeUpdate() == 0) {
                    try (PreparedStatement in = c.prepareStatement("insert into job_zone (job_id, timezone, contacts) values (?, ?, ?)")) {
                        in.setString(1, job.id());
                        in.setString(2, z.getKey());
                        in.setLong(3, z.getValue());
                        in.executeUpdate();
                    }
                }
            }
        }
        return Option.of(added);
    }
}
