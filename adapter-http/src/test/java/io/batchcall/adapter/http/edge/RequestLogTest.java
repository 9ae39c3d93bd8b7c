package io.batchcall.adapter.http.edge;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The request log's counters stay bounded whatever methods clients invent (a client's text never becomes a key). */
class RequestLogTest {

    @Test
    void inventedMethodsAreCountedUnderOneKey() {
        RequestLog log = new RequestLog(3_600_000, () -> true);
        try {
            for (int i = 0; i < 10_000; i++) {
                log.record("M" + i, "unmatched", "/x" + i, 405, "method_not_allowed", 1_000, null);
            }
            log.record("GET", "/batch/jobs/:id", "/batch/jobs/bj_1", 200, null, 2_000_000, "acme");
            log.record("GET", "/batch/jobs/:id", "/batch/jobs/bj_2", 404, "job_not_found", 1_000_000, "acme");
            assertThat(log.keys()).isEqualTo(2); // unmatched · OTHER, /batch/jobs/:id · GET
        } finally {
            log.close();
        }
    }
}
