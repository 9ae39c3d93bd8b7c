-- A dispatcher pass reads scheduled jobs only once their start time has come: an index range, not
-- every scheduled job.
create index batch_job_status_start on batch_job (status, scheduled_start_time);
