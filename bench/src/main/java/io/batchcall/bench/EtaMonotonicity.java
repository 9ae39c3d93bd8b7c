package io.batchcall.bench;

import io.batchcall.domain.eta.CampaignEta;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * How much sooner the estimate can put the end of a campaign given more contacts (CampaignEtaTest allows 1.5 % of the
 * time left): random pairs of a campaign and the same with more pending contacts (a quarter of the pairs up to 500,000
 * contacts, the rest up to 2,000; half of them one to 20 more), 1,000 ended attempts of 60 s, 300 retries queued.
 * Prints the worst difference in seconds and as a share of the time left.
 *
 * <p>usage: {@code java -cp bench/target/batchcall-bench.jar io.batchcall.bench.EtaMonotonicity [pairs] [seed]}
 */
public final class EtaMonotonicity {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private EtaMonotonicity() {
    }

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Random rnd = new Random(args.length > 1 ? Long.parseLong(args[1]) : 1);
        double worstSeconds = 0;
        double worstShare = 0;
        String where = "none";
        for (int i = 0; i < pairs; i++) {
            long pending = 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(500_000) : rnd.nextInt(2_000));
            long more = 1 + (rnd.nextInt(2) == 0 ? rnd.nextInt(500_000) : rnd.nextInt(20));
            int concurrency = 1 + rnd.nextInt(1_000);
            int maxAttempts = 1 + rnd.nextInt(5);
            Instant fewer = end(pending, concurrency, maxAttempts);
            Instant most = end(pending + more, concurrency, maxAttempts);
            double sooner = (fewer.toEpochMilli() - most.toEpochMilli()) / 1000.0;
            double left = (fewer.toEpochMilli() - NOW.toEpochMilli()) / 1000.0;
            if (sooner > worstSeconds) {
                worstSeconds = sooner;
                where = String.format(Locale.ROOT, "%d + %d contacts, %d slots, %d attempts, %.0f s left", pending, more, concurrency, maxAttempts, left);
            }
            if (sooner > 0) {
                worstShare = Math.max(worstShare, sooner / left);
            }
        }
        System.out.printf(Locale.ROOT, "[eta] %d pairs: more contacts finished at most %.1f s sooner (%s); at most %.2f %% of the time left%n",
                pairs, worstSeconds, where, 100 * worstShare);
    }

    private static Instant end(long pending, int concurrency, int maxAttempts) {
        return CampaignEta.estimate(new CampaignEta.Inputs(NOW, pending, 0, 0, concurrency, 1000, 60_000, 0, 300, maxAttempts, 600,
                Option.none(), t -> 1)).get().point();
    }
}
