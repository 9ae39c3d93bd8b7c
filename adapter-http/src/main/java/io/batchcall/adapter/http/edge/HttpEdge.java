package io.batchcall.adapter.http.edge;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every request meets before any route: HTTP-level refusals in the documented envelope (a
 * malformed request line, a URI or headers too long, a bad {@code Expect}, a missing {@code Host},
 * query strings that do not decode, a multipart type without a boundary), the server's limits and
 * timeouts, the request log, and a budget on request bodies held in memory, so that no number of
 * large JSON bodies can fill the heap.
 */
public final class HttpEdge {

    /** The logger of the request log: a summary per route each minute at INFO, a line per request at DEBUG ({@link RequestLog}). */
    public static final String REQUEST_LOG = RequestLog.NAME;
    private static final RequestLog REQUESTS = RequestLog.shared();

    /**
     * The template of the route that answered ({@code /batch/jobs/:id}), never the raw path — a bounded set for
     * logs and metrics; {@code unmatched} for a request no endpoint matched.
     */
    public static String routeTemplate(RoutingContext ctx) {
        var route = ctx.currentRoute();
        return route == null || route.getPath() == null ? "unmatched" : route.getPath();
    }
    public static final int MAX_FORM_FIELDS = 64;
    public static final int MAX_FORM_ATTRIBUTE_BYTES = 64 * 1024;
    public static final int MAX_INITIAL_LINE = 8192;
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    private static final java.util.regex.Pattern NUL_IN_PATH = java.util.regex.Pattern.compile("%00");

    /** What else wants each request's end (the server's metrics): told once, with the request log's figures. */
    public interface RequestObserver {
        void ended(String method, String route, int status, long nanos);
    }

    private final long jsonLimitBytes;
    private final long bufferedBudgetBytes;
    private final java.util.List<RequestObserver> observers;
    private final AtomicLong buffered = new AtomicLong();

    /**
     * @param jsonLimitBytes      largest JSON body (held in memory while it is parsed)
     * @param bufferedBudgetBytes most bytes of JSON bodies held at once across all requests
     */
    public HttpEdge(long jsonLimitBytes, long bufferedBudgetBytes) {
        this(jsonLimitBytes, bufferedBudgetBytes, java.util.List.of());
    }

    /** @param observers told of each request's end, from the same end handler as the request log */
    public HttpEdge(long jsonLimitBytes, long bufferedBudgetBytes, java.util.List<RequestObserver> observers) {
        this.jsonLimitBytes = jsonLimitBytes;
        this.bufferedBudgetBytes = bufferedBudgetBytes;
        this.observers = java.util.List.copyOf(observers);
    }

    /** @param idleTimeoutSeconds a connection that sends or receives nothing for this long is closed (a stalled upload included) */
    public static HttpServerOptions serverOptions(int idleTimeoutSeconds) {
        return new HttpServerOptions()
                .setIdleTimeout(idleTimeoutSeconds)
                .setMaxInitialLineLength(MAX_INITIAL_LINE)
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                .setMaxFormAttributeSize(MAX_FORM_ATTRIBUTE_BYTES)
                .setMaxFormFields(MAX_FORM_FIELDS)
                .setMaxFormBufferedBytes(MAX_FORM_ATTRIBUTE_BYTES)
                .setHandle100ContinueAutomatically(false);
    }

    /** Each new connection: a request line with an HTTP version other than 1.0 or 1.1 gets 505 in the envelope ({@link VersionGuard}). */
    public static final Handler<io.vertx.core.http.HttpConnection> CONNECTION = VersionGuard::install;

    /** Requests Netty could not decode: a malformed request line or header, a URI or headers too long. */
    public static final Handler<HttpServerRequest> INVALID_REQUEST = request -> {
        DecoderResult result = request.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        String message = cause == null ? "" : String.valueOf(cause.getMessage());
        if (cause instanceof TooLongFrameException && message.startsWith("An HTTP line is larger")) {
            Replies.error(request, 414, "uri_too_long", "The request line is longer than " + MAX_INITIAL_LINE + " bytes");
        } else if (cause instanceof TooLongFrameException) {
            Replies.error(request, 431, "headers_too_large", "The request headers are larger than " + MAX_HEADER_BYTES + " bytes");
        } else if (request.version() == HttpVersion.HTTP_1_1 && request.headers().get("Host") == null) {
            Replies.error(request, 400, "missing_host", "An HTTP/1.1 request needs a Host header");
        } else {
            Replies.error(request, 400, "bad_request", "The request is not valid HTTP");
        }
    };

    /** First handler of every route: the request log, then the checks that need nothing but the request. */
    public void check(RoutingContext ctx) {
        long start = System.nanoTime();
        HttpServerRequest request = ctx.request();
        String rawPath = request.path();
        if (rawPath != null && rawPath.indexOf('%') >= 0 && NUL_IN_PATH.matcher(rawPath).find()) {
            // no stored id holds U+0000 (text refuses it where it enters): the path is read with U+FFFD in its place,
            // so each route answers as for any other id that does not exist
            ctx.reroute(NUL_IN_PATH.matcher(rawPath).replaceAll("%EF%BF%BD") + (request.query() == null ? "" : "?" + request.query()));
            return;
        }
        if (REQUESTS.enabled() || !observers.isEmpty()) {
            ctx.addEndHandler(done -> {
                String method = request.method().name();
                String route = routeTemplate(ctx);
                int status = ctx.response().getStatusCode();
                long nanos = System.nanoTime() - start;
                REQUESTS.record(method, route, request.path(), status, ctx.get(Replies.ERROR_CODE), nanos, ctx.get(Auth.ORG));
                for (RequestObserver o : observers) {
                    o.ended(method, route, status, nanos);
                }
            });
        }
        String expect = request.getHeader("Expect");
        if (expect != null && !expect.trim().equalsIgnoreCase("100-continue")) {
            Replies.error(ctx, 417, "expectation_failed", "Only 'Expect: 100-continue' is supported");
            return;
        }
        if (request.version() == HttpVersion.HTTP_1_1 && (request.getHeader("Host") == null || request.getHeader("Host").isBlank())) {
            Replies.error(ctx, 400, "missing_host", "An HTTP/1.1 request needs a Host header");
            return;
        }
        try {
            for (var param : ctx.queryParams()) {
                if (param.getKey().indexOf('\0') >= 0 || param.getValue().indexOf('\0') >= 0) {
                    Replies.error(ctx, 400, "invalid_query", "A query parameter contains the NUL character (%00), which text may not hold");
                    return;
                }
            }
        } catch (RuntimeException malformed) {
            Replies.error(ctx, 400, "invalid_query", "The query string is not valid (malformed percent-encoding)");
            return;
        }
        String type = contentType(ctx);
        if (type.startsWith("multipart/")) {
            String boundary = boundary(request.getHeader("Content-Type"));
            if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
                Replies.error(ctx, 400, "invalid_multipart", "A multipart body needs a boundary of 1 to 70 characters");
                return;
            }
        }
        ctx.next();
    }

    /** The boundary parameter of a multipart Content-Type (quotes removed), or null. */
    public static String boundary(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String b = p.substring(9).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b;
            }
        }
        return null;
    }

    public static String contentType(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        return type == null ? "" : type.toLowerCase(Locale.ROOT).trim();
    }

    /**
     * A JSON body handler within the budget: a body larger than the limit is refused with 413 before it
     * is read; when the bodies held at once would pass the budget, 503 {@code server_busy} (retry later).
     */
    public Handler<RoutingContext> jsonBody() {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(jsonLimitBytes).setHandleFileUploads(false);
        return ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            long declared;
            try {
                declared = length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                Replies.refuseUnread(ctx, 400, "bad_request", "Content-Length is not a number");
                return;
            }
            if (declared > jsonLimitBytes) {
                Replies.refuseUnread(ctx, 413, "payload_too_large", "A JSON body may be at most " + jsonLimitBytes
                        + " bytes (upload large contact lists as a CSV file, multipart/form-data)");
                return;
            }
            long reserve = declared >= 0 ? declared : jsonLimitBytes;
            if (buffered.addAndGet(reserve) > bufferedBudgetBytes && reserve > 0) {
                buffered.addAndGet(-reserve);
                ctx.response().putHeader("Retry-After", "1");
                Replies.refuseUnread(ctx, 503, "server_busy", "Too many large request bodies at once; retry shortly");
                return;
            }
            ctx.addEndHandler(v -> buffered.addAndGet(-reserve));
            body.handle(ctx);
        };
    }

    /**
     * Reads a body that may be JSON (within the budget) or multipart (the file spooled to disk);
     * anything else is 415 with {@code expected} as the message.
     */
    public static Handler<RoutingContext> jsonOrUpload(Handler<RoutingContext> jsonBody, BodyHandler uploadBody, String expected) {
        return ctx -> {
            String type = contentType(ctx);
            if (type.startsWith("multipart/form-data")) {
                uploadBody.handle(ctx);
            } else if (type.startsWith("application/json")) {
                jsonBody.handle(ctx);
            } else {
                Replies.error(ctx, 415, "unsupported_media_type", expected);
            }
        };
    }
}
