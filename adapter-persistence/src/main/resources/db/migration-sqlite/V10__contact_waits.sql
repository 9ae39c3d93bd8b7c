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

-- the latest time a contact of the job was queued to be dialed at (a retry's or a callback's), epoch ms: the completion
-- estimate's last queued contact (CONTRACT §15: the ETA counts callbacks)
alter table batch_job add column latest_due_ms bigint not null default 0;

-- CONTRACT §16: the job's end time (epoch ms): nothing is dialed from then on, waiting contacts expire
alter table batch_job add column end_at bigint;

-- CONTRACT §16: a contact's expiry (epoch ms); the sweep reads only the waiting contacts that have one, by expiry
alter table contact add column expires_at bigint;
create index contact_waiting_expiry on contact (expires_at) where expires_at is not null and status in ('pending', 'queued');

-- CONTRACT §16: contacts added to a running job skip the numbers it has already, found by this index (not by a scan)
create index contact_job_phone on contact (job_id, phone_number);
