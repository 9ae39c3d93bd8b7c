package io.batchcall.adapter.http.consent;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchcall.adapter.http.dto.ConsentDtos;
import io.batchcall.adapter.http.edge.ApiMapper;
import io.batchcall.adapter.http.edge.Auth;
import io.batchcall.adapter.http.edge.HttpEdge;
import io.batchcall.adapter.http.edge.KnownFields;
import io.batchcall.adapter.http.edge.Replies;
import io.batchcall.adapter.http.edge.RequestFields;
import io.batchcall.adapter.http.edge.Work;
import io.batchcall.adapter.http.suppression.SuppressionRoutes;
import io.batchcall.adapter.http.upload.CsvUpload;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.port.in.ManageConsents;
import io.vavr.control.Option;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.file.Path;

/**
 * Consent records (CONTRACT §17): record one (JSON) or many (multipart CSV), look a number up, revoke. 201 for a number
 * newly consented, 200 when its record in force was updated; a revocation answers the closed record.
 */
public final class ConsentRoutes {

    private static final String SHAPE = "{\"phoneNumber\": \"+1…\", \"source\": \"…\", \"grantedAt\": \"2026-01-31T18:00:00Z\", \"text\": \"…\"}";
    private static final KnownFields FIELDS = KnownFields.of("a consent", "phoneNumber", "source", "grantedAt", "text");

    private final ManageConsents consents;
    private final Work work;

    public ConsentRoutes(BatchCallEngine engine, Work work) {
        this.consents = engine.consents;
        this.work = work;
    }

    public void mount(Router router, Handler<RoutingContext> jsonBody, BodyHandler uploadBody) {
        router.post("/batch/consents").handler(HttpEdge.jsonOrUpload(jsonBody, uploadBody,
                "Send application/json " + SHAPE + " or multipart/form-data with a CSV file")).handler(this::grant);
        router.get("/batch/consents").handler(this::lookup);
        router.delete("/batch/consents/:phoneNumber").handler(this::revoke);
    }

    private void grant(RoutingContext ctx) {
        String org = Auth.org(ctx);
        if (HttpEdge.contentType(ctx).startsWith("multipart/form-data")) {
            Option<io.batchcall.adapter.http.upload.CsvForm> form = io.batchcall.adapter.http.upload.CsvForm.of(ctx, "source",
                    "Upload the consents as a CSV file (phone, source, grantedAt, text columns) in the 'file' field");
            if (form.isEmpty()) {
                return;
            }
            String source = form.get().field();
            Path csv = form.get().csv();
            work.run(ctx, () -> CsvUpload.contacts(csv).flatMap(rows -> {
                try (rows) {
                    return consents.grantAll(org, rows, source);
                }
            }), r -> r.peekLeft(e -> Replies.error(ctx, e)).forEach(a -> Replies.send(ctx, 200,
                    new ConsentDtos.Added(true, a.added(), a.updated(), a.skippedCount(), ApiMapper.INSTANCE.skippedRows(a.skippedRows())))));
            return;
        }
        var body = ctx.body().buffer();
        work.run(ctx, () -> RequestFields.object(body, false, SHAPE).flatMap(b -> {
            RequestFields f = RequestFields.json(b.get()).only(FIELDS);
            String phone = f.text("phoneNumber", "invalid_phone_number");
            String source = f.text("source", "invalid_source");
            String grantedAt = f.text("grantedAt", "invalid_granted_at");
            String text = f.text("text", "invalid_text");
            return f.then(() -> consents.grant(new ManageConsents.Grant(org, phone, source, grantedAt, text))).flatMap(r -> r);
        }), r -> r.peekLeft(e -> Replies.error(ctx, e)).forEach(g -> Replies.send(ctx, g.created() ? 201 : 200,
                new ConsentDtos.Granted(true, ApiMapper.consent(g.consent())))));
    }

    private void lookup(RoutingContext ctx) {
        String org = Auth.org(ctx);
        String phone = SuppressionRoutes.plusRestored(ctx.queryParams().get("phoneNumber"));
        if (phone == null || phone.isBlank()) {
            Replies.error(ctx, 400, "missing_phone_number", "Name the number: GET /batch/consents?phoneNumber=%2B14155550123");
            return;
        }
        work.run(ctx, () -> ManageConsents.number(phone).flatMap(n -> consents.lookup(org, n)), r -> r.peekLeft(e -> Replies.error(ctx, e))
                .forEach(s -> Replies.send(ctx, 200, new ConsentDtos.Lookup(s.phoneNumber(), s.consented(),
                        s.records().isEmpty() ? null : ApiMapper.consent(s.records().get(0)),
                        s.records().stream().map(ApiMapper::consent).toList()))));
    }

    private void revoke(RoutingContext ctx) {
        String org = Auth.org(ctx);
        String phone = ctx.pathParam("phoneNumber");
        work.run(ctx, () -> ManageConsents.number(phone).flatMap(n -> consents.revoke(org, n)), r -> r.peekLeft(e -> Replies.error(ctx, e))
                .forEach(c -> Replies.send(ctx, 200, new ConsentDtos.Revoked(true, ApiMapper.consent(c)))));
    }
}
