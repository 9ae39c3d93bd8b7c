package io.batchcall.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchcall.adapter.http.dto.SuppressionDtos;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.ManageSuppressions;
import io.vertx.core.Handler;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The suppression list (CONTRACT §11): add (JSON or CSV), look up or list, remove. */
final class SuppressionRoutes {

    private final ManageSuppressions suppressions;
    private final Work work;

    SuppressionRoutes(BatchCallEngine engine, Work work) {
        this.suppressions = engine.suppressions;
        this.work = work;
    }

    void mount(Router router, Handler<RoutingContext> jsonBody, BodyHandler uploadBody) {
        router.post("/batch/suppressions").handler(HttpEdge.jsonOrUpload(jsonBody, uploadBody,
                "Send application/json {\"phoneNumbers\": [...]} or multipart/form-data with a CSV file")).handler(this::add);
        router.get("/batch/suppressions").handler(this::get);
        router.delete("/batch/suppressions/:phoneNumber").handler(this::remove);
    }

    private void add(RoutingContext ctx) {
        String org = Auth.org(ctx);
        if (HttpEdge.contentType(ctx).startsWith("multipart/form-data")) {
            FileUpload file = ctx.fileUploads().stream().filter(f -> f.name().equals("file")).findFirst().orElse(null);
            if (file == null) {
                Replies.error(ctx, 400, "missing_file", "Upload the numbers as a CSV file (a 'phone' column) in the 'file' field");
                return;
            }
            String reason = ctx.request().formAttributes().get("reason");
            if (reason != null && reason.indexOf('\0') >= 0) {
                Replies.error(ctx, 400, "invalid_text", "The form field reason contains the NUL character (U+0000), which text may not hold");
                return;
            }
            Path csv = Path.of(file.uploadedFileName());
            work.run(ctx, () -> {
                Upload upload = CsvUpload.parse(org, io.vertx.core.MultiMap.caseInsensitiveMultiMap(), csv);
                try (Closeable ignored = upload.resource()) {
                    return suppressions.add(org, upload.rows(), reason);
                }
            }, r -> r.peekLeft(e -> Replies.error(ctx, e)).forEach(a -> Replies.send(ctx, 200, ApiMapper.INSTANCE.suppressionsAdded(a))));
            return;
        }
        var body = ctx.body().buffer();
        work.run(ctx, () -> {
            JsonNode b = body == null || body.length() == 0 ? null : RequestFields.parse(body);
            if (b != null && b.isObject()) {
                KnownFields.of("a suppression request", "phoneNumbers", "reason").check(() -> b.fieldNames());
            }
            if (b == null || !b.isObject() || !b.has("phoneNumbers") || !b.get("phoneNumbers").isArray()) {
                throw ApiException.badRequest("invalid_json", "The body must be {\"phoneNumbers\": [\"+1…\", …], \"reason\": \"…\"}");
            }
            List<ContactRow> rows = new ArrayList<>();
            long row = 0;
            for (JsonNode n : b.get("phoneNumbers")) {
                rows.add(new ContactRow(++row, n.isValueNode() && !n.isNull() ? n.asText() : null, Map.of()));
            }
            String reason = RequestFields.text(b, "reason", "invalid_reason");
            Iterator<ContactRow> it = rows.iterator();
            return suppressions.add(org, it, reason);
        }, r -> r.peekLeft(e -> Replies.error(ctx, e)).forEach(a -> Replies.send(ctx, 200, ApiMapper.INSTANCE.suppressionsAdded(a))));
    }

    private void get(RoutingContext ctx) {
        String org = Auth.org(ctx);
        String phone = plusRestored(ctx.queryParams().get("phoneNumber"));
        if (phone != null && !phone.isEmpty()) {
            work.run(ctx, () -> suppressions.lookup(org, phone), r -> r.peekLeft(e -> Replies.error(ctx, e))
                    .forEach(s -> Replies.send(ctx, 200, ApiMapper.INSTANCE.suppressionLookup(phone.trim(), s))));
            return;
        }
        var q = ctx.queryParams();
        work.run(ctx, () -> suppressions.list(org, q.get("page"), q.get("pageSize")), r -> r.peekLeft(e -> Replies.error(ctx, e))
                .forEach(p -> Replies.send(ctx, 200, ApiMapper.INSTANCE.suppressionPage(p))));
    }

    /**
     * A {@code +} typed unencoded in a query string arrives decoded as a space ({@code ?phoneNumber=+1415…}):
     * a value that is a space followed by digits is read with its {@code +} back (docs/api.md).
     */
    static String plusRestored(String phone) {
        if (phone != null && phone.length() > 1 && phone.charAt(0) == ' ' && phone.strip().chars().allMatch(Character::isDigit)
                && !phone.isBlank()) {
            return "+" + phone.strip();
        }
        return phone;
    }

    private void remove(RoutingContext ctx) {
        String org = Auth.org(ctx);
        String phone = ctx.pathParam("phoneNumber");
        work.run(ctx, () -> suppressions.remove(org, phone), r -> r.peekLeft(e -> Replies.error(ctx, e))
                .forEach(p -> Replies.send(ctx, 200, new SuppressionDtos.Removed(true, p, p + " removed from the suppression list"))));
    }
}
