-- CONTRACT §14: caller ids, pools, pacing. Upgrades a database with jobs in it: existing jobs dial from their one
-- fromPhoneNumberId (caller_pool null), existing contacts have no caller id yet.

-- an organization's registered numbers, with their optional limits
create table caller_id (
    organization_id  text   not null,
    id               text   not null,
    phone_number     text   not null,
    calls_per_second double precision,
    daily_cap        integer,
    registered_at    bigint not null,
    primary key (organization_id, id)
);

-- dial schedules (GCRA): the earliest instant, in microseconds since the epoch, the next dial of a lane may be sent;
-- lane '' is the organization's rate, any other the caller id's. Read and written under the organization's claim turn.
-- A caller id's back-off after a provider's rate-limit refusal rides on its lane: the rate the last refusal set, no
-- recovery before backoff_until, the refusal that set it (microseconds); null: not backing off.
create table dial_lane (
    organization_id text   not null,
    lane            text   not null,
    next_at         bigint not null,
    backoff_rate    double precision,
    backoff_until   bigint,
    backoff_since   bigint,
    primary key (organization_id, lane)
);

-- dials per caller id per UTC day (epoch day), for dailyCap, local presence ties and GET /batch/caller-ids
create table caller_day (
    organization_id text    not null,
    caller_id       text    not null,
    day             integer not null,
    dials           bigint  not null,
    primary key (organization_id, caller_id, day)
);

-- a job's pool: the ids as a JSON array (null: its one from_phone_number_id), how it picks, whether retries keep theirs
alter table batch_job add column caller_pool text;
alter table batch_job add column caller_selection text;
alter table batch_job add column sticky_caller_id integer;

-- the caller id a contact was last dialed from
alter table contact add column caller_id text;

-- a job's dials over the last ten seconds (the detail's pacing.dialsPerSecond): the current ten-second bucket
-- (epoch seconds / 10) and the dials in it and in the one before; null: never dialed since the upgrade
alter table batch_job add column dial_window bigint;
alter table batch_job add column dials_in_window bigint;
alter table batch_job add column dials_prev_window bigint;
