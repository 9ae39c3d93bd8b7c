package io.batchcall.application.port.in;

/** One pass of the campaign engine; a timer calls it repeatedly. */
public interface RunDispatcher {

    /**
     * What one pass did, and the attempts in flight of each organization's running jobs as the pass read
     * them at its start (every instance's, from the store).
     */
    record TickReport(int jobsStarted, int attemptsDialed, int attemptsExpired, int jobsCompleted,
                      java.util.Map<String, Long> dialingByOrganization) {
        public TickReport(int jobsStarted, int attemptsDialed, int attemptsExpired, int jobsCompleted) {
            this(jobsStarted, attemptsDialed, attemptsExpired, jobsCompleted, java.util.Map.of());
        }
    }

    TickReport tick();
}
