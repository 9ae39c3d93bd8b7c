-- CONTRACT §15: what conversations produced. Upgrades a database with jobs in it: existing contacts show no
-- disposition (null), their past attempts have no rows here (the history starts with this version).

-- the last attempt's conversation, on the contact (what the detail and the export show)
alter table contact add column disposition text;
alter table contact add column answered_by text;
alter table contact add column outcome_data text;
alter table contact add column callback_at text;

-- contacts by their last disposition, for the disposition filter (pages by seq); partial: a contact without one (most
-- of a fresh import) costs the index nothing
create index contact_job_disposition_seq on contact (job_id, disposition, seq) where disposition is not null;

-- every closed attempt (the contact's timeline), written when the attempt ends
create table contact_attempt (
    job_id        text    not null,
    seq           bigint  not null,
    attempt       integer not null,
    started_at    bigint,
    ended_at      bigint  not null,
    status        text    not null,
    error_code    text,
    call_duration integer,
    caller_id     text,
    room_name     text,
    failure_reason text,
    disposition   text,
    answered_by   text,
    outcome_data  text,
    callback_at   text,
    primary key (job_id, seq, attempt)
);

-- contacts by their last disposition, per job, kept exact by the writes that change a contact's (ADR 2: no scan)
create table job_disposition (
    job_id      text   not null,
    disposition text   not null,
    n           bigint not null,
    primary key (job_id, disposition)
);

-- what a job does with what its conversations produce: dispositions that end a contact, that opt it out (comma-separated),
-- how many callbacks a contact may be given (null: 3, the default, for jobs created before)
alter table batch_job add column final_dispositions text;
alter table batch_job add column opt_out_dispositions text;
alter table batch_job add column max_callbacks integer;
-- what a machine answer does: hang up (null) or leave this message (its outcome, retry or final, is machine_answer_outcome)
alter table batch_job add column voicemail_message text;
