package io.batchcall.adapter.http;

import io.vertx.ext.web.RoutingContext;

/**
 * The router's failure handler: a refusal raised anywhere (a use case's ApiException, Vert.x Web's
 * own 4xx such as an oversized body or a malformed form) becomes its enveloped 4xx; only true faults
 * are 500, with a correlation id and nothing else.
 */
final class Failures {

    private final long bodyLimitBytes;

    Failures(long bodyLimitBytes) {
        this.bodyLimitBytes = bodyLimitBytes;
    }

    void handle(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Throwable t = ctx.failure();
        if (t instanceof ApiException api) {
            Replies.error(ctx, api.status, api.code, api.getMessage());
            return;
        }
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

    /** What a multipart decoding failure means, found along the cause chain; null when it is none. */
    static String formProblem(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String name = c.getClass().getName();
            String message = String.valueOf(c.getMessage());
            if (name.endsWith("TooManyFormFieldsException")) {
                return "too_many_form_fields";
            }
            if (name.endsWith("TooLongFormFieldException") || message.contains("exceed allowed maximum capacity")
                    || message.contains("Size exceed")) {
                return "form_too_large";
            }
            if (name.contains("HttpPostRequestDecoder") || name.endsWith("ErrorDataDecoderException")) {
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
