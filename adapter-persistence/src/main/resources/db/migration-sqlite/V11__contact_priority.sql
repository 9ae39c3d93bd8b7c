-- CONTRACT §16 priority: a contact's priority (-99..99), stored only for the contacts of a job in which some contact has
-- one other than 0 (batch_job.prioritized); null elsewhere, so the indexes below cost a job without priorities nothing.
-- Claims of a prioritized job read its waiting contacts in (priority desc, seq) order from them (named with "indexed
-- by": SQLite matches a partial index only by the query naming its "priority is not null"); every other job's claims
-- keep reading (job_id, status, seq) and the zone index as before.
alter table contact add column priority integer;
alter table batch_job add column prioritized integer not null default 0;
create index contact_job_priority_seq on contact (job_id, status, priority desc, seq) where priority is not null;
create index contact_job_zone_priority_seq on contact (job_id, status, timezone, priority desc, seq) where priority is not null;
