-- a job's rule for calls answered by a machine (completed | no_answer); null: the server's setting
alter table batch_job add column machine_answer_outcome text;
