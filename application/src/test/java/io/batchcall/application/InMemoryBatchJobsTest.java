package io.batchcall.application;

import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.port.out.BatchJobs;

class InMemoryBatchJobsTest extends BatchJobsContract {
    @Override
    protected BatchJobs store() {
        return new InMemoryBatchJobs();
    }
}
