package io.batchcall.application.port.out;

import io.batchcall.domain.contact.AttemptResult;

/** What a provider answered about one call ({@link Dialer#lookUp}). */
public sealed interface CallLookup {

    /** The answer of a dialer that cannot ask its provider. */
    CallLookup CANNOT_ASK = new Unknown("this dialer cannot look a call up");

    /** The call is over, and this is how it ended. */
    record Ended(AttemptResult result) implements CallLookup { }

    /** The call is still queued, ringing or going on. */
    record Live() implements CallLookup { }

    /** The provider could not say (no such call, an error, a dialer that cannot ask). */
    record Unknown(String why) implements CallLookup { }
}
