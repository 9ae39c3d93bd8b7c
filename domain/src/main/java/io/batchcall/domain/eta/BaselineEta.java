package io.batchcall.domain.eta;

import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.progress.Progress;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;

/**
 * The reference API's estimator (CONTRACT §5):
 * {@code now + (now − actualStartTime) / contactsProcessed × (totalContacts − contactsProcessed)}.
 * Present only while the job is running and at least one contact is processed; never before {@code now}.
 */
public final class BaselineEta {

    private BaselineEta() {
    }

    public static Option<Instant> estimate(JobStatus status, Option<Instant> actualStartTime, Progress progress, Instant now) {
        if (status != JobStatus.RUNNING || actualStartTime.isEmpty() || progress.contactsProcessed() <= 0) {
            return Option.none();
        }
        long elapsedMillis = Math.max(0, Duration.between(actualStartTime.get(), now).toMillis());
        double perContact = (double) elapsedMillis / progress.contactsProcessed();
        double remainingMillis = perContact * Math.max(0, progress.remaining());
        long add = remainingMillis >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) Math.ceil(remainingMillis);
        return Option.of(now.plusMillis(add));
    }
}
