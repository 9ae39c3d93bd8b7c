package io.batchcall.application;

import io.batchcall.application.port.in.DetailQuery;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests that mean the same are the same query: one kept answer serves them all. */
class DetailQueryTest {

    @Test
    void requestsThatMeanTheSameAreEqualQueries() {
        DetailQuery plain = DetailQuery.parse("org", "bj_1", null, null, null).get();
        assertThat(DetailQuery.parse("org", "bj_1", "", "1", "50").get()).isEqualTo(plain).hasSameHashCodeAs(plain);
        assertThat(DetailQuery.parse("org", "bj_1", null, "", "").get()).isEqualTo(plain);
        DetailQuery two = DetailQuery.parse("org", "bj_1", "busy,completed", "2", "10").get();
        assertThat(DetailQuery.parse("org", "bj_1", "completed, busy", "2", "10").get()).isEqualTo(two).hasSameHashCodeAs(two);
        assertThat(DetailQuery.parse("org", "bj_1", "completed", "2", "10").get()).isNotEqualTo(two);
        assertThat(DetailQuery.parse("other", "bj_1", null, null, null).get()).isNotEqualTo(plain);
        assertThat(DetailQuery.parse("org", "bj_1", "nope", null, null).getLeft().code()).isEqualTo("invalid_contact_status");
    }
}
