package io.batchcall.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fixed subset of the ETA accuracy harness (30 seeded campaigns, six of each family, another seed than
 * the published run): the model's mean error must not exceed the contract baseline's at any progress point.
 */
class EtaAccuracyTest {

    @Test
    void theModelIsNoWorseThanTheBaselineAtEveryProgressPoint() {
        List<EtaAccuracy.Outcome> outcomes = new ArrayList<>();
        for (EtaAccuracy.Scenario s : EtaAccuracy.scenarios(30, 7L)) {
            outcomes.add(EtaAccuracy.run(s));
        }
        for (int i = 0; i < EtaAccuracy.POINTS.length; i++) {
            double model = EtaAccuracy.mape(outcomes, i, true);
            double baseline = EtaAccuracy.mape(outcomes, i, false);
            System.out.printf("ETA at %.0f %%: model MAPE %.1f %%, baseline %.1f %%%n", EtaAccuracy.POINTS[i] * 100, model, baseline);
            assertThat(model).as("model error at " + EtaAccuracy.POINTS[i]).isLessThanOrEqualTo(baseline);
        }
    }
}
