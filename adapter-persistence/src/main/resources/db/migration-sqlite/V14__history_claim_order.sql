-- CONTRACT §16 priority at a million contacts (ADR 14, amended): a contact's call events and attempt rows in claim
-- order too. V13 put the contact rows and status indexes in claim order, but every contact claimed and ended also inserts
-- call_event rows (a table keyed (job_id, seq, attempt, type)) and a contact_attempt row (its key index (job_id, seq,
-- attempt)): in a job claimed in priority order those inserts landed at scattered positions, one page per contact, and
-- grew costlier as the tables grew (the jar's priority share fell 87 → 61 % over four rounds). Both are now keyed with
-- the contact's claim_key (-priority, 0 without one) before seq: a claim's events and attempts are appended next to each
-- other; for a job without priorities (claim_key 0 everywhere) the order is the upload order, as before.
--
-- Upgrades a database with jobs in it: both tables are copied in the contacts' key order (each contact's rows found by
-- the old key), once, at the first start of this version. Rows of a contact that no longer exists are not copied (none
-- should: a job's contacts and their history are deleted together).
create table call_event_by_claim (
    job_id    text    not null,
    claim_key integer not null,
    seq       integer not null,
    attempt   integer not null,
    type      text    not null,
    primary key (job_id, claim_key, seq, attempt, type)
) without rowid;

insert into call_event_by_claim (job_id, claim_key, seq, attempt, type)
select e.job_id, c.claim_key, e.seq, e.attempt, e.type
from contact c cross join call_event e
where e.job_id = c.job_id and e.seq = c.seq
order by c.job_id, c.claim_key, c.seq;

drop table call_event;
alter table call_event_by_claim rename to call_event;

create table contact_attempt_by_claim (
    job_id         text    not null,
    claim_key      integer not null,
    seq            bigint  not null,
    attempt        integer not null,
    started_at     bigint,
    ended_at       bigint  not null,
    status         text    not null,
    error_code     text,
    call_duration  integer,
    caller_id      text,
    room_name      text,
    failure_reason text,
    disposition    text,
    answered_by    text,
    outcome_data   text,
    callback_at    text,
    primary key (job_id, claim_key, seq, attempt)
);

insert into contact_attempt_by_claim (job_id, claim_key, seq, attempt, started_at, ended_at, status, error_code,
                                      call_duration, caller_id, room_name, failure_reason, disposition, answered_by,
                                      outcome_data, callback_at)
select a.job_id, c.claim_key, a.seq, a.attempt, a.started_at, a.ended_at, a.status, a.error_code,
       a.call_duration, a.caller_id, a.room_name, a.failure_reason, a.disposition, a.answered_by,
       a.outcome_data, a.callback_at
from contact c cross join contact_attempt a
where a.job_id = c.job_id and a.seq = c.seq
order by c.job_id, c.claim_key, c.seq;

drop table contact_attempt;
alter table contact_attempt_by_claim rename to contact_attempt;
