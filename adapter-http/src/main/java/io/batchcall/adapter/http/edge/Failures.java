package io.batchcall.adapter.http.edge;

import io.vertx.ext.web.RoutingContext;

/**
 * The router's failure handler. Expected refusals of the API travel as {@code BatchJobError} values and never reach
 * it; what does are Vert.x Web's own 4xx (an oversized body, a malformed form: Netty's multipart decoder's typed
 * exceptions) — each becomes its enveloped 4xx — and true faults, which are 500 with a correlation id and nothing else.
 */
public final class Failures {

    private final long bodyLimitBytes;

    public Failures(long bodyLimitBytes) {
        this.bodyLimitBytes = bodyLimitBytes;
    }

    public void handle(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Throwable t = ctx.failure();
        String form = formProblem(t);
        if (form != null) {
            Replies.error(ctx, form.equals("form_too_large") ? 413 : 400, form, formMessage(form));
            return;
        }
        int status = ctx.statusCode();
        switch (status) {
            case 400 -> {
                if (ctx.request().version() == io.vertx.core.http.HttpVersion.HTTP_1_1 && ctx.request().getHeader("Host") == null) {
                    Replies.error(ctx, 400, "missing_host", "An HTTP/1.1 request needs a Host header");
                } else {
                    Replies.error(ctx, 400, "bad_request", "The request is malformed");
                }
            }
            case 401 -> Replies.error(ctx, 401, "unauthorized", "Unauthorized");
            case 404 -> Replies.error(ctx, 404, "not_found", "No such endpoint: " + ctx.request().method() + " " + ctx.request().path());
            case 405 -> Replies.error(ctx, 405, "method_not_allowed", ctx.request().method() + " is not allowed on " + ctx.request().path());
            case 413 -> Replies.error(ctx, 413, "payload_too_large", "The request body exceeds " + bodyLimitBytes + " bytes");
            case 415 -> Replies.error(ctx, 415, "unsupported_media_type", "Unsupported media type");
            default -> {
                if (status >= 400 && status < 500) {
                    Replies.error(ctx, status, "bad_request", "The request cannot be served (HTTP " + status + ")");
                } else {
                    Replies.internal(ctx, t);
                }
            }
        }
    }

    /**
     * What a multipart decoding failure means, found along the cause chain by the type of Netty's decoder
     * exceptions; null when it is none. Netty says "a field is over the size limit" only as an IOException whose
     * message begins "Size exceed" (AbstractMemoryHttpData/AbstractDiskHttpData#checkSize): that one is read from
     * the message.
     */
    public static String formProblem(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof io.netty.handler.codec.http.multipart.HttpPostRequestDecoder.TooManyFormFieldsException) {
                return "too_many_form_fields";
            }
            if (c instanceof io.netty.handler.codec.http.multipart.HttpPostRequestDecoder.TooLongFormFieldException
                    || (c instanceof java.io.IOException && String.valueOf(c.getMessage()).startsWith("Size exceed"))) {
                return "form_too_large";
            }
            if (c instanceof io.netty.handler.codec.http.multipart.HttpPostRequestDecoder.ErrorDataDecoderException
                    || c instanceof io.netty.handler.codec.http.multipart.HttpPostRequestDecoder.NotEnoughDataDecoderException
                    || c instanceof io.netty.handler.codec.http.multipart.HttpPostRequestDecoder.EndOfDataDecoderException) {
                return "invalid_multipart";
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private static String formMessage(String code) {
        return switch (code) {
            case "too_many_form_fields" -> "The form has too many fields (at most " + HttpEdge.MAX_FORM_FIELDS + ")";
            case "form_too_large" -> "A form field is too long (at most " + HttpEdge.MAX_FORM_ATTRIBUTE_BYTES + " bytes; the contact list goes in the 'file' field)";
            default -> "The multipart body is malformed";
        };
    }
}
