package io.batchcall.adapter.http.compliance;

import io.batchcall.adapter.http.dto.CallingRulesDto;
import io.batchcall.adapter.http.edge.ApiMapper;
import io.batchcall.adapter.http.edge.Replies;
import io.batchcall.application.BatchCallEngine;
import io.vertx.ext.web.Router;

/** {@code GET /batch/calling-rules} (CONTRACT §17): the rules by region this server dials under, as loaded at its start. */
public final class CallingRulesRoutes {

    private final CallingRulesDto answer;

    public CallingRulesRoutes(BatchCallEngine engine) {
        this.answer = ApiMapper.callingRules(engine.callingRules);
    }

    public void mount(Router router) {
        router.get("/batch/calling-rules").handler(ctx -> Replies.send(ctx, 200, answer));
    }
}
