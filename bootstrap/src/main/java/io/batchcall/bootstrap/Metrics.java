package io.batchcall.bootstrap;

import io.batchcall.application.port.in.DeliverWebhooks;
import io.batchcall.application.port.in.RunDispatcher;
import io.batchcall.application.port.out.DialResult;
import io.batchcall.application.port.out.Dialer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;

/**
 * {@code GET /metrics} in Prometheus text format (Micrometer): HTTP requests by method, route template
 * and status; dials started and their immediate results; attempts in flight per organization; dispatcher
 * pass time; webhook deliveries tried and their lag; database pool figures; JVM memory, GC, threads, CPU
 * and uptime. Unauthenticated, like /health (scrapers send no key); it names organizations (the in-flight
 * gauge) but no job or contact, so it belongs on an operators' network, not the internet.
 */
final class Metrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer dispatcherPass;
    private final Counter webhookTries;
    private final Timer webhookLag;
    /** Attempts in flight per organization, as the last dispatcher pass read them; an organization gone quiet reads 0. */
    private final java.util.Map<String, java.util.concurrent.atomic.AtomicLong> dialing = new java.util.concurrent.ConcurrentHashMap<>();

    Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        dispatcherPass = Timer.builder("batchcall.dispatcher.pass").description("one dispatcher pass over the active jobs").register(registry);
        webhookTries = Counter.builder("batchcall.webhook.deliveries.tried").description("webhook requests sent (any answer)").register(registry);
        webhookLag = Timer.builder("batchcall.webhook.delivery.lag").description("from an event's change to its delivery's 2xx answer")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /** Gauges of the database connection pools: active, idle, open connections and threads waiting for one. */
    void bind(java.util.Map<String, com.zaxxer.hikari.HikariPoolMXBean> pools) {
        pools.forEach((name, pool) -> {
            io.micrometer.core.instrument.Gauge.builder("batchcall.db.connections.active", pool, p -> p.getActiveConnections())
                    .tag("pool", name).register(registry);
            io.micrometer.core.instrument.Gauge.builder("batchcall.db.connections.idle", pool, p -> p.getIdleConnections())
                    .tag("pool", name).register(registry);
            io.micrometer.core.instrument.Gauge.builder("batchcall.db.connections.open", pool, p -> p.getTotalConnections())
                    .tag("pool", name).register(registry);
            io.micrometer.core.instrument.Gauge.builder("batchcall.db.connections.pending", pool, p -> p.getThreadsAwaitingConnection())
                    .description("threads waiting for a connection").tag("pool", name).register(registry);
        });
    }

    /** Serves /metrics. */
    void mount(Router router) {
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape()));
    }

    /** Times a request that ended (told by the API's edge, which also keeps the request log). */
    void requestEnded(String method, String route, int status, long nanos) {
        Timer.builder("http.server.requests").tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .register(registry).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * The dialer, counting dials started and their immediate results (accepted, attempt_failed, job_fatal,
     * rate_limited), in all and per caller id (CONTRACT §14: dials and refusals per caller id; the effective rate is
     * the rate of {@code batchcall.caller.id.dials}).
     */
    Dialer counting(Dialer dialer) {
        Counter started = Counter.builder("batchcall.dials.started").description("dial requests placed").register(registry);
        return request -> {
            started.increment();
            String org = request.organizationId();
            String caller = request.fromPhoneNumberId() == null ? "" : request.fromPhoneNumberId();
            Counter.builder("batchcall.caller.id.dials").description("dial requests placed from a caller id")
                    .tag("organization", org).tag("caller_id", caller).register(registry).increment();
            return dialer.dial(request).whenComplete((result, error) -> {
                String outcome = error != null ? "error" : result instanceof DialResult.Accepted || result instanceof DialResult.Answered ? "accepted"
                        : result instanceof DialResult.AttemptFailed ? "attempt_failed"
                        : result instanceof DialResult.Deferred ? "rate_limited" : "job_fatal";
                Counter.builder("batchcall.dials.results").tag("result", outcome).register(registry).increment();
                if (result instanceof DialResult.Deferred) {
                    Counter.builder("batchcall.caller.id.refusals").description("dials a provider refused as rate-limited, per caller id")
                            .tag("organization", org).tag("caller_id", caller).register(registry).increment();
                }
            });
        };
    }

    /** Runs one dispatcher pass, timed, and publishes the attempts in flight it read. */
    void timePass(java.util.function.Supplier<RunDispatcher.TickReport> pass) {
        RunDispatcher.TickReport report = dispatcherPass.record(pass);
        if (report == null) {
            return;
        }
        dialing.forEach((org, count) -> {
            if (!report.dialingByOrganization().containsKey(org)) {
                count.set(0);
            }
        });
        report.dialingByOrganization().forEach((org, count) -> dialing.computeIfAbsent(org, o -> {
            java.util.concurrent.atomic.AtomicLong gauge = new java.util.concurrent.atomic.AtomicLong();
            io.micrometer.core.instrument.Gauge.builder("batchcall.attempts.in.flight", gauge, java.util.concurrent.atomic.AtomicLong::get)
                    .description("attempts dialing in the organization's running jobs (all instances), as of the last dispatcher pass")
                    .tag("organization", o).register(registry);
            return gauge;
        }).set(count));
    }

    /** Records how long after its event a delivery was answered 2xx. */
    void webhookDelivered(java.time.Duration lag) {
        webhookLag.record(lag);
    }

    /** The deliverer, counting the deliveries each pass tried. */
    DeliverWebhooks counting(DeliverWebhooks deliverer) {
        return () -> {
            int tried = deliverer.deliverDue();
            webhookTries.increment(tried);
            return tried;
        };
    }
}
