package io.batchcall.adapter.persistence.job;

import io.batchcall.adapter.persistence.Database;
import io.batchcall.application.port.out.AttemptRecord;
import io.batchcall.application.port.out.ConversationRecords;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link ConversationRecords} on both SQL stores (the rows {@link AttemptRows} writes with each contact change). */
final class JdbcConversations implements ConversationRecords {

    private final Database db;

    JdbcConversations(Database db) {
        this.db = db;
    }

    @Override
    public List<io.batchcall.domain.job.ContactWait> waits(String jobId, long seq) {
        return db.read(c -> WaitRows.waits(c, jobId, seq));
    }

    @Override
    public void waited(String jobId, List<io.batchcall.domain.job.ContactWait> waits) {
        if (waits.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            for (io.batchcall.domain.job.ContactWait w : waits) {
                WaitRows.insert(c, jobId, w);
            }
            return null;
        });
    }

    @Override
    public Option<Contact> contact(String jobId, long seq) {
        return db.read(c -> ContactRows.load(c, db.sql(), jobId, seq));
    }

    @Override
    public List<AttemptRecord> attempts(String jobId, long seq) {
        return db.read(c -> AttemptRows.attempts(c, db.sql(), jobId, seq, Option.none()));
    }

    /** One connection for all three: the timeline's reads by key. */
    @Override
    public Option<History> history(String jobId, long seq) {
        return db.read(c -> {
            Option<Contact> contact = ContactRows.load(c, db.sql(), jobId, seq);
            return contact.isEmpty() ? Option.<History>none()
                    : Option.of(new History(contact.get(), AttemptRows.attempts(c, db.sql(), jobId, seq,
                            Option.of(ContactRows.claimKey(contact.get()))), WaitRows.waits(c, jobId, seq)));
        });
    }

    @Override
    public Map<String, Long> dispositions(String jobId) {
        return db.read(c -> AttemptRows.dispositions(c, jobId));
    }

    /** By the (job, disposition, seq) index; the total from the kept counts when no status narrows it, else counted. */
    @Override
    public Tuple2<List<Contact>, Long> withDisposition(String jobId, Set<String> dispositions, Set<ContactStatus> statuses, long offset, int limit) {
        if (dispositions.isEmpty()) {
            return Tuple.of(List.empty(), 0L);
        }
        java.util.List<String> wanted = new ArrayList<>(dispositions);
        java.util.List<String> states = statuses.stream().map(ContactStatus::wire).sorted().toList();
        String where = " from contact where job_id = ? and disposition is not null and disposition in (" + wanted.stream().map(d -> "?").collect(Collectors.joining(", "))
                + ")" + (states.isEmpty() ? "" : " and status in (" + states.stream().map(s -> "?").collect(Collectors.joining(", ")) + ")");
        return db.read(c -> {
            List<Contact> page;
            try (PreparedStatement ps = c.prepareStatement("select " + ContactRows.COLUMNS + where + " order by seq limit ? offset ?")) {
                int i = bind(ps, jobId, wanted, states);
                ps.setInt(i++, limit);
                ps.setLong(i, offset);
                page = ContactRows.read(ps);
            }
            long total;
            if (states.isEmpty()) {
                Map<String, Long> counts = AttemptRows.dispositions(c, jobId);
                total = wanted.stream().mapToLong(d -> counts.getOrDefault(d, 0L)).sum();
            } else {
                try (PreparedStatement ps = c.prepareStatement("select count(*)" + where)) {
                    bind(ps, jobId, wanted, states);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
            }
            return Tuple.of(page, total);
        });
    }

    private static int bind(PreparedStatement ps, String jobId, java.util.List<String> wanted, java.util.List<String> states)
            throws java.sql.SQLException {
        int i = 1;
        ps.setString(i++, jobId);
        for (String d : wanted) {
            ps.setString(i++, d);
        }
        for (String s : states) {
            ps.setString(i++, s);
        }
        return i;
    }
}
