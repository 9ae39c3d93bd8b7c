package io.batchcall.adapter.persistence;

import io.batchcall.application.BatchJobsContract;
import io.batchcall.application.EngineHarness;
import io.batchcall.application.port.in.DetailStamp;
import io.batchcall.application.port.in.JobDetail;
import io.batchcall.application.port.out.BatchJobs;
import io.batchcall.application.service.EngineSettings;
import io.batchcall.domain.contact.ContactStatus;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The persistence contract on a real PostgreSQL, and what several instances on one database must see. */
class PostgresBatchJobsTest extends BatchJobsContract {

    private static Database db;

    @BeforeAll
    static void open() {
        db = Postgres.freshDatabase(8);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    protected BatchJobs store() {
        return new JdbcBatchJobs(db);
    }

    /** Other instances write the same database: no version can be known without reading it. */
    @Override
    protected boolean versionsKnown() {
        return false;
    }

    /**
     * Two engines on one PostgreSQL, as two instances behind a load balancer: an answer one of them kept is recognised
     * as still current by reading the job's row alone, and never once the other wrote to the job.
     */
    @Test
    void anAnswerKeptByOneInstanceIsNotServedOnceAnotherWroteTheJob() {
        EngineHarness reader = new EngineHarness(new JdbcBatchJobs(db), EngineSettings.DEFAULTS);
        EngineHarness writer = new EngineHarness(new JdbcBatchJobs(db), EngineSettings.DEFAULTS);
        String id = reader.create(3, 1, 1, List.of(), 60).job().id();
        JobDetail kept = reader.engine.detail.detail(reader.org, id, null, null, null).get();
        assertThat(kept.stamp().isDefined()).as("stamped with the job's stored version").isTrue();
        assertThat(reader.engine.detail.isCurrent(id, kept.stamp().get())).as("other instances write too: memory cannot tell").isFalse();
        assertThat(reader.engine.detail.detailUnlessCurrent(reader.org, id, null, null, null, kept.stamp().get()).get())
                .as("nothing written since: still current").isEqualTo(Option.none());
        assertThat(reader.engine.detail.detailUnlessCurrent("org-other", id, null, null, null, kept.stamp().get()).getLeft().code())
                .isEqualTo("job_not_found");

        writer.engine.start.start(reader.org, id); // the other instance
        Option<JobDetail> after = reader.engine.detail.detailUnlessCurrent(reader.org, id, null, null, null, kept.stamp().get()).get();
        assertThat(after.isDefined()).isTrue();
        assertThat(after.get().view().job().status().wire()).isEqualTo("running");

        JobDetail running = reader.engine.detail.detail(reader.org, id, null, null, null).get();
        writer.engine.dispatcher.tick(); // its claim writes only contacts and counts
        assertThat(reader.engine.detail.detailUnlessCurrent(reader.org, id, null, null, null,
                running.stamp().getOrElse(new DetailStamp(-1, Instant.MAX))).get()
                .get().view().progress().statusBreakdown().count(ContactStatus.DIALING)).isEqualTo(1);
    }
}
