package io.batchcall.adapter.http.compliance;

import io.batchcall.adapter.http.edge.Replies;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.domain.window.CallingRules;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.Map;

/** {@code GET /batch/calling-rules} (CONTRACT §17): the rules by region this server dials under, as loaded at its start. */
public final class CallingRulesRoutes {

    /** One rule as shown; {@code hours} maps the weekdays it names to their range, or null for closed. */
    public record RuleDto(String region, Map<String, String> hours, List<String> holidays, String validFrom, String source) {
        static RuleDto of(CallingRules.Rule r) {
            return new RuleDto(r.region(), r.hoursText(), r.holidays().stream().map(Object::toString).toList(),
                    r.validFrom().map(Object::toString).getOrNull(), r.source());
        }
    }

    /** 200 of GET /batch/calling-rules. */
    public record RulesDto(List<RuleDto> rules, int count) {
    }

    private final RulesDto answer;

    public CallingRulesRoutes(BatchCallEngine engine) {
        List<RuleDto> rules = engine.callingRules.rules().map(RuleDto::of).toJavaList();
        this.answer = new RulesDto(rules, rules.size());
    }

    public void mount(Router router) {
        router.get("/batch/calling-rules").handler(ctx -> Replies.send(ctx, 200, answer));
    }
}
