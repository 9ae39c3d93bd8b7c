package io.batchcall.application;

import io.batchcall.application.port.out.ContactChange;
import io.batchcall.application.port.out.ContactUpdate;
import io.batchcall.application.port.out.ContactUpdates;
import io.batchcall.application.port.out.EventKey;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.BatchJob;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.function.BiFunction;

/** One contact change through a store's batch port, for the store contracts (the port itself has no single-change method). */
public final class OneChange {

    private OneChange() {
    }

    public static Either<BatchJobError, ContactUpdate> apply(ContactUpdates store, Option<String> organizationId, String jobId, long seq,
                                                            Option<EventKey> key,
                                                            BiFunction<BatchJob, Contact, Either<BatchJobError, Contact>> change) {
        return store.updateContacts(organizationId, jobId, List.of(new ContactChange(seq, key, change))).flatMap(List::head);
    }
}
