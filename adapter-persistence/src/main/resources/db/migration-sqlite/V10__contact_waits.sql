-- CONTRACT §15 waits: the times a due contact was not dialed, the latest 20 per contact. A wait passed over pass after
-- pass is one row (written when it starts); one without "until" ends at the contact's next attempt.
create table contact_wait (
    job_id  text   not null,
    seq     bigint not null,
    at      bigint not null,
    until   bigint,
    reason  text   not null
);
create index contact_wait_by_contact on contact_wait (job_id, seq, at);
