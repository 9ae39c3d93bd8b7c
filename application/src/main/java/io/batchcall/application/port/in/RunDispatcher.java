package io.batchcall.application.port.in;

/** One pass of the campaign engine; a timer calls it repeatedly. */
public interface RunDispatcher {

    /** What one pass did. */
    record TickReport(int jobsStarted, int attemptsDialed, int attemptsExpired, int jobsCompleted) {
    }

    TickReport tick();
}
