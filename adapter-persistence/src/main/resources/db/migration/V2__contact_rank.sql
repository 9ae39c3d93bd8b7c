-- Per-job, per-status counts of contacts by block of 1024 upload positions (bucket = seq / 1024).
-- Kept exact with every contact change, they let a filtered page at any depth be found without
-- walking all the matching contacts before it: the bucket sums locate the page, then at most a few
-- buckets of contacts are read.
create table contact_rank (
    job_id varchar(100) not null,
    status varchar(20) not null,
    bucket integer not null,
    n      bigint not null,
    primary key (job_id, status, bucket)
);
