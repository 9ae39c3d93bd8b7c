package io.batchcall.domain;

import io.batchcall.domain.contact.AttemptResult;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactRejection;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.job.RetryPolicy;
import io.vavr.collection.LinkedHashSet;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.batchcall.domain.Fixtures.T0;
import static io.batchcall.domain.Fixtures.aContact;
import static io.batchcall.domain.Fixtures.dialing;
import static org.assertj.core.api.Assertions.assertThat;

class ContactTransitionsTest {

    private final RetryPolicy policy = RetryPolicy.DEFAULT;

    @Test
    void dispatchMovesPendingToDialingAndCountsTheAttempt() {
        Contact c = aContact().dispatch(T0, "room-1").get();
        assertThat(c.status()).isEqualTo(ContactStatus.DIALING);
        assertThat(c.attemptCount()).isEqualTo(1);
        assertThat(c.lastAttemptAt()).contains(T0);
        assertThat(c.roomName()).contains("room-1");
        assertThat(c.nextRetryAt()).isEmpty();
    }

    @Test
    void dispatchOfADialingContactIsRejected() {
        Contact c = dialing(aContact(), T0);
        assertThat(c.dispatch(T0, "r").getLeft()).isEqualTo(new ContactRejection.IllegalTransition(ContactStatus.DIALING, "dial"));
    }

    @Test
    void retryableOutcomeWithAttemptsLeftQueuesTheContactAndKeepsTheError() {
        Contact c = dialing(aContact(), T0)
                .finish(AttemptResult.fromSip(486, Option.of("busy here")), T0.plusSeconds(20), policy, true).get();
        assertThat(c.status()).isEqualTo(ContactStatus.QUEUED);
        assertThat(c.nextRetryAt()).contains(T0.plusSeconds(20 + 300));
        assertThat(c.errorCode()).contains("486");
        assertThat(c.failureReason()).contains("busy here");
        assertThat(c.completedAt()).isEmpty();
    }

    @Test
    void queuedContactIsNotDueBeforeItsRetryTime() {
        Contact queued = dialing(aContact(), T0).finish(AttemptResult.of(ContactStatus.NO_ANSWER), T0, policy, true).get();
        assertThat(queued.dispatch(T0.plusSeconds(299), "r").getLeft()).isInstanceOf(ContactRejection.NotDue.class);
        assertThat(queued.dispatch(T0.plusSeconds(300), "r").get().attemptCount()).isEqualTo(2);
    }

    @Test
    void lastAttemptEndsTerminalWithTheOutcomeStatus() {
        Contact c = dialing(aContact(1), T0).finish(AttemptResult.of(ContactStatus.BUSY), T0, policy, true).get();
        assertThat(c.status()).isEqualTo(ContactStatus.BUSY);
        assertThat(c.completedAt()).contains(T0);
        assertThat(c.nextRetryAt()).isEmpty();
    }

    @Test
    void exhaustedContactCannotBeDispatchedAgain() {
        Contact queued = new Contact("id", "job1", 1, "+14155550123", java.util.Map.of(), ContactStatus.QUEUED,
                Option.none(), 2, 2, Option.of(T0), Option.of(T0), Option.none(), Option.none(), Option.none(), Option.none());
        assertThat(queued.dispatch(T0, "r").getLeft()).isEqualTo(new ContactRejection.AttemptsExhausted(2, 2));
    }

    @Test
    void nonRetryableOutcomeIsTerminalAtOnce() {
        Contact c = dialing(aContact(), T0).finish(AttemptResult.fromSip(404, Option.none()), T0, policy, true).get();
        assertThat(c.status()).isEqualTo(ContactStatus.INVALID_NUMBER);
        assertThat(c.errorCode()).contains("404");
    }

    @Test
    void completedIsTerminalAndClearsTheError() {
        Contact failedOnce = dialing(aContact(), T0).finish(AttemptResult.of(ContactStatus.TIMEOUT), T0, policy, true).get();
        Contact done = dialing(failedOnce, T0.plusSeconds(400))
                .finish(AttemptResult.of(ContactStatus.COMPLETED).withCallDuration(Option.of(42)), T0.plusSeconds(460), policy, true).get();
        assertThat(done.status()).isEqualTo(ContactStatus.COMPLETED);
        assertThat(done.callDuration()).contains(42);
        assertThat(done.errorCode()).isEmpty();
        assertThat(done.attemptCount()).isEqualTo(2);
        assertThat(done.completedAt()).contains(T0.plusSeconds(460));
    }

    @Test
    void whenRetriesAreNotAllowedARetryableOutcomeIsTerminal() {
        Contact c = dialing(aContact(), T0).finish(AttemptResult.of(ContactStatus.NO_ANSWER), T0, policy, false).get();
        assertThat(c.status()).isEqualTo(ContactStatus.NO_ANSWER);
    }

    @Test
    void outcomesOutsideTheRetryableListAreTerminal() {
        RetryPolicy onlyBusy = RetryPolicy.of(3, LinkedHashSet.of(ContactStatus.BUSY), 60).get();
        Contact c = dialing(aContact(), T0).finish(AttemptResult.of(ContactStatus.NO_ANSWER), T0, onlyBusy, true).get();
        assertThat(c.status()).isEqualTo(ContactStatus.NO_ANSWER);
    }

    @Test
    void finishingAContactThatIsNotDialingIsRejected() {
        assertThat(aContact().finish(AttemptResult.of(ContactStatus.COMPLETED), T0, policy, true).getLeft())
                .isEqualTo(new ContactRejection.IllegalTransition(ContactStatus.PENDING, "finish an attempt of"));
    }

    @Test
    void anOpenStatusIsNotAnOutcome() {
        assertThat(dialing(aContact(), T0).finish(AttemptResult.of(ContactStatus.QUEUED), T0, policy, true).getLeft())
                .isEqualTo(new ContactRejection.NotAnOutcome(ContactStatus.QUEUED));
    }

    @Test
    void connectRecordsTheRoomAndKeepsDialing() {
        Contact c = dialing(aContact(), T0).connect(Option.of("lk-room")).get();
        assertThat(c.status()).isEqualTo(ContactStatus.DIALING);
        assertThat(c.roomName()).contains("lk-room");
        assertThat(aContact().connect(Option.none()).isLeft()).isTrue();
    }

    @Test
    void cancelTakesPendingAndQueuedButNotDialingOrTerminal() {
        Instant later = T0.plusSeconds(5);
        assertThat(aContact().cancel(later).get().status()).isEqualTo(ContactStatus.CANCELLED);
        assertThat(aContact().cancel(later).get().completedAt()).contains(later);
        Contact queued = dialing(aContact(), T0).finish(AttemptResult.of(ContactStatus.BUSY), T0, policy, true).get();
        assertThat(queued.cancel(later).get().status()).isEqualTo(ContactStatus.CANCELLED);
        assertThat(queued.cancel(later).get().nextRetryAt()).isEmpty();
        assertThat(dialing(aContact(), T0).cancel(later).isLeft()).isTrue();
        Contact done = dialing(aContact(), T0).finish(AttemptResult.of(ContactStatus.COMPLETED), T0, policy, true).get();
        assertThat(done.cancel(later).isLeft()).isTrue();
    }

    @Test
    void abandonTakesEveryOpenContactWithTheReason() {
        Contact c = dialing(aContact(), T0).abandon(T0, "job failed: caller ID rejected").get();
        assertThat(c.status()).isEqualTo(ContactStatus.CANCELLED);
        assertThat(c.failureReason()).contains("job failed: caller ID rejected");
        assertThat(c.abandon(T0, "again").isLeft()).isTrue();
    }

    @Test
    void contactIdsRoundTripTheirUploadPosition() {
        assertThat(Contact.seqOf("bj_1", Contact.idFor("bj_1", 42))).contains(42L);
        assertThat(Contact.seqOf("bj_1", "bj_2-c42")).isEmpty();
        assertThat(Contact.seqOf("bj_1", "bj_1-c")).isEmpty();
        assertThat(Contact.seqOf("bj_1", "bj_1-c0")).isEmpty();
        assertThat(Contact.seqOf("bj_1", "bj_1-c99999999999999999999")).isEmpty();
        assertThat(Contact.seqOf("bj_1", "bj_1-c1x")).isEmpty();
    }
}
