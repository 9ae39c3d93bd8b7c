-- CONTRACT §10–§12: calling windows, time zones, suppression lists, one call per number, the number
-- attempt cap, and idempotent creates. Existing jobs have no window (dialed at any time) and their
-- contacts no zone (UTC); nothing else about them changes.
-- a retry of the failed contacts of another job (CONTRACT §13)
alter table batch_job add column parent_batch_job_id text;
alter table batch_job add column window_start text;
alter table batch_job add column window_end text;
alter table batch_job add column window_days text;
-- what the completion estimate learns from (issue 12): attempts ended, their summed length, how many
-- were retryable, and the summed start times of the attempts in flight
alter table batch_job add column attempts_ended integer not null default 0;
alter table batch_job add column attempt_ms integer not null default 0;
alter table batch_job add column retryable_outcomes integer not null default 0;
alter table batch_job add column dialing_since_sum integer not null default 0;
alter table batch_job add column window_blackouts text;

-- the zone(s) a contact is called in, 'A&B'; claims read each open zone's contacts in upload order
alter table contact add column timezone text;
create index contact_job_status_zone_seq on contact (job_id, status, timezone, seq);

-- the distinct zones of a job's contacts: a dispatcher pass decides per zone, not per contact
create table job_zone (
    job_id   text not null,
    timezone text not null,
    contacts integer not null default 0,
    primary key (job_id, timezone)
) without rowid;

create table suppression (
    organization_id text not null,
    phone_number    text not null,
    reason          text,
    added_at        integer not null,
    primary key (organization_id, phone_number)
) without rowid;

-- numbers in a call now, per organization: one number is never in two calls at once
create table number_dialing (
    organization_id text not null,
    phone_number    text not null,
    job_id          text not null,
    seq             integer not null,
    primary key (organization_id, phone_number)
) without rowid;

-- dials per number, for BATCHCALL_NUMBER_ATTEMPT_CAP (rows older than the cap's window are removed)
create table number_attempt (
    organization_id text not null,
    phone_number    text not null,
    at              integer not null,
    job_id          text not null,
    seq             integer not null,
    attempt         integer not null,
    primary key (organization_id, phone_number, at, job_id, seq, attempt)
) without rowid;

create table idempotency_key (
    organization_id text not null,
    idem_key        text not null,
    request_hash    text not null,
    response        text,
    created_at      integer not null,
    primary key (organization_id, idem_key)
) without rowid;

-- jobs with calls in flight, found without reading the others (the attempt deadline's sweep)
create index batch_job_dialing on batch_job (id) where n_dialing > 0;
