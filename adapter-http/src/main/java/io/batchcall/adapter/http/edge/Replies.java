package io.batchcall.adapter.http.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.batchcall.adapter.http.dto.ErrorDto;
import io.batchcall.domain.error.BatchJobError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/** JSON replies: every answer is written here, every 4xx/5xx in the documented envelope. */
public final class Replies {

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);
    static final String JSON_TYPE = "application/json; charset=utf-8";

    private Replies() {
    }

    /** Where an error reply leaves its code for the request log. */
    public static final String ERROR_CODE = "batchcall.errorCode";

    public static void send(RoutingContext ctx, int status, Object body) {
        if (body instanceof ErrorDto e) {
            ctx.put(ERROR_CODE, e.error().code());
        }
        sendJson(ctx, status, serialized(body));
    }

    /** A body already serialized (a replayed answer). */
    public static void sendJson(RoutingContext ctx, int status, String json) {
        sendJson(ctx, status, Buffer.buffer(json));
    }

    /** A body already serialized, sent as it is (it may be sent again: a Buffer is never consumed by a write). */
    public static void sendJson(RoutingContext ctx, int status, Buffer json) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON_TYPE).end(json);
    }

    /** The body serialized once, to send (and perhaps keep and send again). */
    public static Buffer serialized(Object body) {
        return Buffer.buffer(bytes(body));
    }

    public static String json(Object body) {
        return new String(bytes(body), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static void error(RoutingContext ctx, BatchJobError e) {
        if (e instanceof BatchJobError.NoValidContacts none) {
            send(ctx, ApiErrors.status(e), new ErrorDto(false, new ErrorDto.Detail(e.code(), e.message(), null, none.skippedByReason(),
                    none.firstSkipped().stream().map(r -> new io.batchcall.adapter.http.dto.SkippedRowDto(r.row(), r.value(), r.reason())).toList())));
            return;
        }
        error(ctx, ApiErrors.status(e), e.code(), e.message());
    }

    public static void error(RoutingContext ctx, int status, String code, String message) {
        send(ctx, status, ErrorDto.of(code, message));
    }

    /** An enveloped error on a request that never reached the router (malformed at the HTTP level). */
    public static void error(HttpServerRequest request, int status, String code, String message) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", JSON_TYPE).putHeader("Connection", "close")
                .end(Buffer.buffer(bytes(ErrorDto.of(code, message))));
    }

    /** Most bytes of a refused body read (and dropped) so that the client can read the answer; past it the connection is closed. */
    public static final long DRAIN_LIMIT = 1024 * 1024;

    /**
     * Refuses a request whose body has not been read: the body is drained (up to {@link #DRAIN_LIMIT},
     * then the connection is closed), so a client still sending it can read the answer.
     */
    public static void refuseUnread(RoutingContext ctx, int status, String code, String message) {
        HttpServerRequest request = ctx.request();
        if (!request.isEnded()) {
            long[] drained = {0};
            try {
                request.handler(chunk -> {
                    drained[0] += chunk.length();
                    if (drained[0] > DRAIN_LIMIT) {
                        request.connection().close();
                    }
                });
                request.resume();
            } catch (IllegalStateException alreadyRead) {
                // a body handler owns the request already: nothing to drain
            }
        }
        error(ctx, status, code, message);
    }

    public static void internal(RoutingContext ctx, Throwable t) {
        String ref = UUID.randomUUID().toString();
        LOG.error("request {} {} failed [correlationId={}]", ctx.request().method(), ctx.request().path(), ref, t);
        send(ctx, 500, new ErrorDto(false, new ErrorDto.Detail("internal_error",
                "Internal error; quote correlation id " + ref + " when reporting it", ref)));
    }

    static byte[] bytes(Object body) {
        try {
            return RequestFields.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reply not serializable", e);
        }
    }
}
