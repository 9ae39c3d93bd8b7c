package io.batchcall.application.port.in;

/**
 * How a job is paced now (CONTRACT §14): its dials per second over the last ten seconds, and what holds it back
 * most ({@link LimitedBy#NONE}: nothing — it dials as fast as its contacts come due).
 */
public record Pacing(double dialsPerSecond, LimitedBy limitedBy) {

    public static final Pacing IDLE = new Pacing(0, LimitedBy.NONE);

    /** What holds a running job back, the first that applies in this order. */
    public enum LimitedBy {
        JOB_CONCURRENCY("job_concurrency"), ORG_CONCURRENCY("org_concurrency"), DAILY_CAP("daily_cap"), ORG_RATE("org_rate"),
        BACKOFF("backoff"), CALLER_ID_RATE("caller_id_rate"), NONE("none");

        private final String wire;

        LimitedBy(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}
