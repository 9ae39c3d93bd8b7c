package io.batchcall.application;

import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.port.out.BatchJobs;
import io.batchcall.application.port.out.TimeSource;

class InMemoryWebhooksTest extends WebhooksContract {
    @Override
    protected BatchJobs store(TimeSource time) {
        return new InMemoryBatchJobs(time);
    }
}
