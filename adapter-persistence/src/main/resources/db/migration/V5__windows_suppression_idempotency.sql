-- CONTRACT §10–§12: calling windows, time zones, suppression lists, one call per number, the number
-- attempt cap, and idempotent creates. Existing jobs have no window (dialed at any time) and their
-- contacts no zone (UTC); nothing else about them changes.
-- a retry of the failed contacts of another job (CONTRACT §13)
alter table batch_job add column parent_batch_job_id varchar(100);
alter table batch_job add column window_start varchar(5);
alter table batch_job add column window_end varchar(5);
alter table batch_job add column window_days varchar(40);
-- what the completion estimate learns from (issue 12): attempts ended, their summed length, how many
-- were retryable, and the summed start times of the attempts in flight
alter table batch_job add column attempts_ended bigint not null default 0;
alter table batch_job add column attempt_ms bigint not null default 0;
alter table batch_job add column retryable_outcomes bigint not null default 0;
alter table batch_job add column dialing_since_sum bigint not null default 0;
alter table batch_job add column window_blackouts varchar(11000);

alter table contact add column timezone varchar(1000);
create index contact_job_status_zone_seq on contact (job_id, status, timezone, seq);

create table job_zone (
    job_id   varchar(100) not null,
    timezone varchar(1000) not null,
    contacts bigint not null default 0,
    primary key (job_id, timezone)
);

create table suppression (
    organization_id varchar(200) not null,
    phone_number    varchar(16) not null,
    reason          varchar(200),
    added_at        bigint not null,
    primary key (organization_id, phone_number)
);

create table number_dialing (
    organization_id varchar(200) not null,
    phone_number    varchar(16) not null,
    job_id          varchar(100) not null,
    seq             bigint not null,
    primary key (organization_id, phone_number)
);

create table number_attempt (
    organization_id varchar(200) not null,
    phone_number    varchar(16) not null,
    at              bigint not null,
    job_id          varchar(100) not null,
    seq             bigint not null,
    attempt         integer not null,
    primary key (organization_id, phone_number, at, job_id, seq, attempt)
);

create table idempotency_key (
    organization_id varchar(200) not null,
    idem_key        varchar(255) not null,
    request_hash    varchar(64) not null,
    response        text,
    created_at      bigint not null,
    primary key (organization_id, idem_key)
);

-- jobs with calls in flight, found without reading the others (the attempt deadline's sweep)
create index batch_job_dialing on batch_job (id) where n_dialing > 0;

-- a deleted job whose contact rows are still being removed (in short steps); a start finishes the removal
create table pending_import (
    job_id     varchar(100) primary key,
    started_at bigint not null
);
