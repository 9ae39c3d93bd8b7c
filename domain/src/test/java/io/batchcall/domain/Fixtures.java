package io.batchcall.domain;

import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.PhoneNumber;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.RetryPolicy;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Map;

/** Small factories shared by unit tests and properties. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private Fixtures() {
    }

    public static Contact aContact() {
        return aContact(3);
    }

    public static Contact aContact(int maxAttempts) {
        return Contact.pending(Contact.idFor("job1", 1), "job1", 1, new PhoneNumber("+14155550123"), Map.of("name", "Ada"), maxAttempts);
    }

    public static Contact dialing(Contact c, Instant at) {
        return c.dispatch(at, "room").get();
    }

    public static BatchJob aPendingJob() {
        return BatchJob.create("job1", "org1", "Campaign", Option.none(), Option.of("agent"), "pn1", 5,
                RetryPolicy.DEFAULT, Option.none(), T0);
    }

    public static BatchJob aRunningJob() {
        return aPendingJob().start(T0).get();
    }
}
