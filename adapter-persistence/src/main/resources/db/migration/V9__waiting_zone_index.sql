-- Windowed claims look contacts up by zone only while they wait (pending, queued): the zone index keeps
-- only those. A contact's call start and end then write two index entries each instead of three (the
-- update of an indexed column writes an entry in every index whose predicate the new row meets): fewer
-- writes per attempt, and an index that shrinks as the job advances (issue 15). Existing jobs keep
-- their contacts; the index is rebuilt from them.
drop index contact_job_status_zone_seq;
create index contact_job_waiting_zone_seq on contact (job_id, status, timezone, seq) where status in ('pending', 'queued');
