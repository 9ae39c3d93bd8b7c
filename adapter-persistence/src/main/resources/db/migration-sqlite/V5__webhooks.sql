-- CONTRACT §13: outbound webhooks. Events are written in the transaction of the change they
-- report (an outbox): one delivery row per subscribed endpoint, carrying the event (its id, type,
-- time and data: one row, not two, per event and endpoint); the deliveries of one job to one
-- endpoint form a stream, sent in order. Existing jobs and contacts are untouched.
create table webhook_endpoint (
    id              text primary key,
    organization_id text not null,
    url             text not null,
    events          text not null,
    secret          text not null,
    created_at      integer not null
);
create index webhook_endpoint_org on webhook_endpoint (organization_id, created_at);

create table webhook_delivery (
    id              integer primary key autoincrement,
    endpoint_id     text not null,
    job_id          text not null,
    event_id        text not null,
    type            text not null,
    organization_id text not null,
    data            text not null,
    status          text not null,
    attempts        integer not null default 0,
    last_code       integer,
    last_error      text,
    next_attempt_at integer,
    created_at      integer not null,
    delivered_at    integer
);
-- the delivery log, newest first
create index webhook_delivery_log on webhook_delivery (endpoint_id, id);
-- a stream's waiting deliveries, oldest first
create index webhook_delivery_waiting on webhook_delivery (endpoint_id, job_id, id) where status = 'pending';

-- one row per (endpoint, job) with deliveries waiting: how many, when the next try is due, and who holds it
create table webhook_stream (
    endpoint_id     text not null,
    job_id          text not null,
    pending         integer not null default 0,
    next_attempt_at integer,
    lease_until     integer,
    primary key (endpoint_id, job_id)
);
create index webhook_stream_due on webhook_stream (next_attempt_at) where next_attempt_at is not null;
