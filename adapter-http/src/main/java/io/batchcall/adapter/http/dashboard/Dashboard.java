package io.batchcall.adapter.http.dashboard;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The operators' dashboard: static files packaged in the jar ({@code batchcall-dashboard/}), served at
 * {@code /} and {@code /assets/*} without a key (the page asks for one and sends it as a Bearer header
 * from sessionStorage; no cookies). A strict Content-Security-Policy allows only the dashboard's own
 * scripts and styles, so contact data that slipped past escaping still could not run.
 */
public final class Dashboard {

    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private Dashboard() {
    }

    public static void mount(Router router) {
        StaticHandler index = StaticHandler.create("batchcall-dashboard").setIndexPage("index.html").setCachingEnabled(false);
        StaticHandler assets = StaticHandler.create("batchcall-dashboard/assets").setMaxAgeSeconds(300);
        for (String path : new String[] {"/", "/index.html"}) {
            router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(Dashboard::secure).handler(index);
        }
        router.route("/assets/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(Dashboard::secure).handler(assets);
    }

    private static void secure(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY");
        ctx.next();
    }
}
