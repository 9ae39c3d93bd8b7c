-- CONTRACT §16 priority at a million contacts (ADR 14): contacts stored in claim order. A claim in priority order over
-- rows clustered by (job_id, seq) touched one table page, and one page of each status index, per contact (SQLite writes
-- whole pages to its WAL): 27 % of the unprioritized claim rate. Rows are now keyed (job_id, claim_key, seq), where
-- claim_key = -priority (0 without one), and the status indexes carry claim_key before seq — so a claim in
-- (priority desc, seq) order reads and writes neighbouring entries, and for a job without priorities (claim_key 0 on
-- every row) every order stays the upload order. A read by position takes the rows with claim_key 0 by the key and the
-- others by contact_job_seq, an index of those rows only: a job without priorities pays for no extra index. The two
-- partial priority indexes are no longer needed: the status indexes give the claim order of every job.
--
-- Upgrades a database with jobs in it: every contact row is copied into the new table (a few seconds per million
-- contacts, once, at the first start of this version); claim_key from the stored priority.
create table contact_by_claim (
    job_id          text not null,
    claim_key       integer not null default 0,
    seq             integer not null,
    phone_number    text not null,
    contact_data    text,
    status          text not null,
    error_code      text,
    attempt_count   integer not null,
    max_attempts    integer not null,
    last_attempt_at integer,
    next_retry_at   integer,
    completed_at    integer,
    room_name       text,
    failure_reason  text,
    call_duration   integer,
    timezone        text,
    caller_id       text,
    disposition     text,
    answered_by     text,
    outcome_data    text,
    callback_at     text,
    expires_at      bigint,
    priority        integer,
    primary key (job_id, claim_key, seq)
) without rowid;

insert into contact_by_claim (job_id, claim_key, seq, phone_number, contact_data, status, error_code, attempt_count,
                              max_attempts, last_attempt_at, next_retry_at, completed_at, room_name, failure_reason,
                              call_duration, timezone, caller_id, disposition, answered_by, outcome_data, callback_at,
                              expires_at, priority)
select job_id, -coalesce(priority, 0), seq, phone_number, contact_data, status, error_code, attempt_count,
       max_attempts, last_attempt_at, next_retry_at, completed_at, room_name, failure_reason,
       call_duration, timezone, caller_id, disposition, answered_by, outcome_data, callback_at,
       expires_at, priority
from contact order by job_id, -coalesce(priority, 0), seq;

drop table contact;
alter table contact_by_claim rename to contact;

create unique index contact_job_seq on contact (job_id, seq) where claim_key <> 0;
create index contact_job_status_seq on contact (job_id, status, claim_key, seq);
create index contact_job_status_zone_seq on contact (job_id, status, timezone, claim_key, seq);
create index contact_job_disposition_seq on contact (job_id, disposition, seq) where disposition is not null;
create index contact_waiting_expiry on contact (expires_at) where expires_at is not null and status in ('pending', 'queued');
create index contact_job_phone on contact (job_id, phone_number);
