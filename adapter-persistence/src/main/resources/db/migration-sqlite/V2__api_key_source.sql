-- Where each API key came from: 'env' (BATCHCALL_API_KEYS; removed when no longer configured),
-- 'generated' (first start) or 'cli' (java -jar batchcall.jar keys create). Keys already stored are
-- taken as configured.
alter table api_key add column source text not null default 'env';
