-- CONTRACT §17 consent records: each number's records (a revocation closes one and keeps it; a later consent is a new
-- record). A number is consented while a record of it has no revoked_at; the partial index finds those by number.
create table consent (
    organization_id text   not null,
    phone_number    text   not null,
    recorded_seq    bigint not null,
    source          text   not null,
    granted_at      bigint not null,
    consent_text    text,
    recorded_at     bigint not null,
    revoked_at      bigint,
    primary key (organization_id, phone_number, recorded_seq)
);
create index consent_in_force on consent (organization_id, phone_number) where revoked_at is null;

-- CONTRACT §17: a job that dials only numbers with a consent in force
alter table batch_job add column require_consent integer not null default 0;

-- CONTRACT §17 conversation pause: when each number's latest conversation ended (a completed attempt not answered by a
-- machine), per organization; claims under BATCHCALL_CONVERSATION_PAUSE read it for the numbers they are about to dial
create table number_conversation (
    organization_id text   not null,
    phone_number    text   not null,
    at              bigint not null,
    primary key (organization_id, phone_number)
);
