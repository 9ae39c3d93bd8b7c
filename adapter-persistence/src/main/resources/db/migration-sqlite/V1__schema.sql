-- batchcall schema for the embedded SQLite store (the PostgreSQL schema is in db/migration).
-- Times are epoch milliseconds (UTC). Per-status contact counts live on the job row and are
-- maintained in the same transaction as every contact change, so figures are exact without scans.
-- SQLite does not enforce declared lengths: the application validates every length where input
-- enters (the same limits as the PostgreSQL columns).

create table organization (
    id text primary key
) without rowid;

create table api_key (
    key_hash        text primary key,
    organization_id text not null,
    created_at      integer not null
) without rowid;

create table batch_job (
    created_seq           integer primary key,
    id                    text not null unique,
    organization_id       text not null,
    name                  text not null,
    description           text,
    agent_id              text,
    from_phone_number_id  text not null,
    status                text not null,
    concurrent_call_limit integer not null,
    max_attempts          integer not null,
    retryable_statuses    text not null,
    retry_delay_seconds   integer not null,
    scheduled_start_time  integer,
    actual_start_time     integer,
    completed_at          integer,
    created_at            integer not null,
    failure_reason        text,
    total_contacts        integer not null default 0,
    n_pending             integer not null default 0,
    n_queued              integer not null default 0,
    n_dialing             integer not null default 0,
    n_completed           integer not null default 0,
    n_no_answer           integer not null default 0,
    n_busy                integer not null default 0,
    n_timeout             integer not null default 0,
    n_blocked             integer not null default 0,
    n_invalid_number      integer not null default 0,
    n_carrier_error       integer not null default 0,
    n_failed              integer not null default 0,
    n_cancelled           integer not null default 0
);

create index batch_job_org_created on batch_job (organization_id, created_at, created_seq);
create index batch_job_status on batch_job (status);

create table contact (
    job_id          text not null,
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
    primary key (job_id, seq)
) without rowid;

create index contact_job_status_seq on contact (job_id, status, seq);

create table call_event (
    job_id  text not null,
    seq     integer not null,
    attempt integer not null,
    type    text not null,
    primary key (job_id, seq, attempt, type)
) without rowid;

-- Per-job, per-status counts of contacts by block of 1024 upload positions (bucket = seq / 1024),
-- kept exact with every contact change: a filtered page at any depth is located from them.
create table contact_rank (
    job_id text not null,
    status text not null,
    bucket integer not null,
    n      integer not null,
    primary key (job_id, status, bucket)
) without rowid;

-- A job whose contacts are being written in chunks: its job row is inserted by the last chunk's
-- transaction, so until then the job is invisible. A row left here by a crash marks contacts to
-- delete at the next start.
create table pending_import (
    job_id     text primary key,
    started_at integer not null
) without rowid;
