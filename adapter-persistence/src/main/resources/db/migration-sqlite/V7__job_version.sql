-- the job's stored version: moved in the same transaction as every write to the job or its contacts
-- (the PostgreSQL schema has the same column; this store also versions jobs in memory, as one process owns it)
alter table batch_job add column version integer not null default 0;
