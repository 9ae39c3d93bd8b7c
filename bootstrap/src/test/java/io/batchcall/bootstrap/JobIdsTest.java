package io.batchcall.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Job ids sort in creation order (a new job's contacts go in at the end of the contact indexes), and stay opaque text. */
class JobIdsTest {

    @Test
    void idsOfLaterJobsSortAfterEarlierOnesWhateverTheirRandomPart() {
        SplittableRandom random = new SplittableRandom(7);
        long t = 1_790_000_000_000L; // 2026-09
        List<String> ids = new ArrayList<>();
        ids.add(SystemTime.jobId(t, -1L)); // the largest random part
        ids.add(SystemTime.jobId(t + 1, 0L)); // the smallest, one millisecond later
        for (int i = 0; i < 1000; i++) {
            t += random.nextInt(1, 5000);
            ids.add(SystemTime.jobId(t, random.nextLong()));
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates().allMatch(id -> id.matches("bj_[0-9a-f]{24}"));
    }

    @Test
    void theRealSourceGivesDistinctIdsInCreationOrder() throws InterruptedException {
        SystemTime source = new SystemTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(source.newJobId());
            Thread.sleep(2);
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates().allMatch(id -> id.matches("bj_[0-9a-f]{24}"));
    }
}
