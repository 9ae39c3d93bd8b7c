package io.batchcall.adapter.http.suppression;

import io.batchcall.adapter.http.edge.HttpEdge;
import io.batchcall.adapter.http.edge.Auth;
import io.batchcall.adapter.http.edge.Replies;
import io.batchcall.adapter.http.edge.Work;
import io.batchcall.adapter.http.edge.RequestFields;
import io.batchcall.adapter.http.edge.KnownFields;
import io.batchcall.adapter.http.edge.ApiMapper;
import io.batchcall.adapter.http.upload.Upload;
import io.batchcall.adapter.http.upload.CsvUpload;
import com.fasterxml.jackson.databind.JsonNode;
import io.batchcall.adapter.http.dto.SuppressionDtos;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.ContactRows;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Option;
import io.batchcall.application.port.in.ManageSuppressions;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The suppression list (CONTRACT §11): add (JSON or CSV), look up or list, remove. */
public final class SuppressionRoutes {

    private final ManageSuppressions suppressions;
    private final Work work;

    public SuppressionRoutes(BatchCallEngine engine, Work work) {
        this.suppressions = engine.suppressions;
        this.work = work;
    }

    public void mount(Router router, Handler<RoutingContext> jsonBody, BodyHandler uploadBody) {
        router.post("/batch/suppressions").handler(HttpEdge.jsonOrUpload(jsonBody, uploadBody,
                "Send application/json {\"phoneNumbers\": [...]} or multipart/form-data with a CSV file")).handler(this::add);
        router.get("/batch/suppressions").handler(this::get);
        router.delete("/batch/suppressions/:phoneNumber").handler(this::remove);
    }

    private void add(RoutingContext ctx) {
        String org = Auth.org(ctx);
        if (HttpEdge.contentType(ctx).startsWith("multipart/form-data")) {
            Option<io.batchcall.adapter.http.upload.CsvForm> form = io.batchcall.adapter.http.upload.CsvForm.of(ctx, "reason",
                    "Upload the numbers as a CSV file (a 'phone' column) in the 'file' field");
            if (form.isEmpty()) {
                return;
            }
            String reason = form.get().field();
            Path csv = form.get().csv();
            work.run(ctx, () -> ManageSuppressions.reason(reason).flatMap(why -> CsvUpload.contacts(csv).flatMap(rows -> {
                try (rows) {
                    return suppressions.add(org, rows, why);
                }
            })), r -> r.peekLeft(e -> Replies.error(ctx, e)).forEach(a -> Replies.send(ctx, 200, ApiMapper.INSTANCE.suppressionsAdded(a))));
            return;
        }
        var body = ctx.body().buffer();
        String shape = "{\"phoneNumbers\": [\"+1…\", …], \"reason\": \"…\"}";
        work.run(ctx, () -> RequestFields.object(body, false, shape).flatMap(b -> {
            RequestFields f = RequestFields.json(b.get()).only(KnownFields.of("a suppression request", "phoneNumbers", "reason"));
            JsonNode numbers = b.get().get("phoneNumbers");
            f.refuse(numbers == null || !numbers.isArray() ? Option.of(new BatchJobError.InvalidInput("invalid_json", "The body must be " + shape))
                    : Option.none());
            String reason = f.text("reason", "invalid_reason");
            return f.then(() -> {
                List<ContactRow> rows = new ArrayList<>();
                long row = 0;
                for (JsonNode n : numbers) {
                    rows.add(new ContactRow(++row, n.isValueNode() && !n.isNull() ? n.asText() : null, Map.of()));
                }
                return ManageSuppressions.reason(reason).flatMap(why -> suppressions.add(org, ContactRows.of(rows), why));
            }).flatMap(r -> r);
        }), r -> r.peekLeft(e -> Replies.error(ctx, e)).forEach(a -> Replies.send(ctx, 200, ApiMapper.INSTANCE.suppressionsAdded(a))));
    }

    private void get(RoutingContext ctx) {
        String org = Auth.org(ctx);
        String phone = plusRestored(ctx.queryParams().get("phoneNumber"));
        if (phone != null && !phone.isEmpty()) {
            work.run(ctx, () -> ManageSuppressions.number(phone).flatMap(n -> suppressions.lookup(org, n)), r -> r.peekLeft(e -> Replies.error(ctx, e))
                    .forEach(s -> Replies.send(ctx, 200, ApiMapper.INSTANCE.suppressionLookup(phone.trim(), s))));
            return;
        }
        var q = ctx.queryParams();
        work.run(ctx, () -> ManageSuppressions.page(q.get("page"), q.get("pageSize")).flatMap(p -> suppressions.list(org, p)), r -> r.peekLeft(e -> Replies.error(ctx, e))
                .forEach(p -> Replies.send(ctx, 200, ApiMapper.INSTANCE.suppressionPage(p))));
    }

    /**
     * A {@code +} typed unencoded in a query string arrives decoded as a space ({@code ?phoneNumber=+1415…}):
     * a value that is a space followed by digits is read with its {@code +} back (docs/api.md).
     */
    public static String plusRestored(String phone) {
        if (phone != null && phone.length() > 1 && phone.charAt(0) == ' ' && phone.strip().chars().allMatch(Character::isDigit)
                && !phone.isBlank()) {
            return "+" + phone.strip();
        }
        return phone;
    }

    private void remove(RoutingContext ctx) {
        String org = Auth.org(ctx);
        String phone = ctx.pathParam("phoneNumber");
        work.run(ctx, () -> ManageSuppressions.number(phone).flatMap(n -> suppressions.remove(org, n)), r -> r.peekLeft(e -> Replies.error(ctx, e))
                .forEach(p -> Replies.send(ctx, 200, new SuppressionDtos.Removed(true, p, p + " removed from the suppression list"))));
    }
}
