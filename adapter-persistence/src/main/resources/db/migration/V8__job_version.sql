-- the job's stored version: moved in the same transaction as every write to the job or its contacts, so
-- that an instance can tell with one small read whether an answer it kept is still the job's (issue 15);
-- existing jobs start at 0 (an instance keeps nothing across a restart)
alter table batch_job add column version bigint not null default 0;
