package io.batchcall.application.service;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's own spacing of paced sends: held-back dials leave spaced, a fast lane starts at half its rate. */
class SendSpacingTest {

    private static final long SECOND = 1_000_000;

    /** Sends of a lane whose dials are all asked for at their granted times, {@code spacing} apart from {@code from}. */
    private static List<Long> onTime(SendSpacing s, String lane, long from, long spacing, int n) {
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            at.add(s.next(lane, from + i * spacing, spacing));
        }
        return at;
    }

    private static int mostInOneSecond(List<Long> at) {
        int most = 0;
        for (int i = 0, j = 0; i < at.size(); i++) {
            while (j < at.size() && at.get(j) < at.get(i) + SECOND) {
                j++;
            }
            most = Math.max(most, j - i);
        }
        return most;
    }

    @Test
    void aFastLaneStartsAtHalfItsRateForItsFirstSecondThenKeepsItsSpacing() {
        SendSpacing s = new SendSpacing();
        List<Long> at = onTime(s, "org\ncaller", 10 * SECOND, 2_000, 2_000); // 500/s for 4 s of grants
        long inFirstSecond = at.stream().filter(t -> t < 11 * SECOND).count();
        assertThat(inFirstSecond).as("sends in the lane's first second").isBetween(240L, 260L);
        for (int i = 1; i < at.size(); i++) {
            assertThat(at.get(i) - at.get(i - 1)).as("gap before send %d", i).isGreaterThanOrEqualTo(2_000);
        }
        assertThat(at.get(at.size() - 1) - at.get(at.size() - 2)).isEqualTo(2_000); // full rate once warm
        assertThat(mostInOneSecond(at)).isLessThanOrEqualTo(501);
    }

    @Test
    void dialsAStallHeldBackLeaveSpacedNotTogether() {
        SendSpacing s = new SendSpacing();
        onTime(s, "lane", 0, 2_000, 1_000); // warm: 2 s of sends
        long stalled = 5 * SECOND / 2; // then ten dials are asked for at once
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            at.add(s.next("lane", stalled, 2_000));
        }
        for (int i = 1; i < at.size(); i++) {
            assertThat(at.get(i) - at.get(i - 1)).isEqualTo(2_000);
        }
    }

    @Test
    void aSlowLaneIsNeverHeldToHalfItsRate() {
        SendSpacing s = new SendSpacing();
        List<Long> at = onTime(s, "lane", 0, SECOND / 5, 20); // 5/s
        for (int i = 0; i < at.size(); i++) {
            assertThat(at.get(i)).isEqualTo(i * SECOND / 5);
        }
    }

    @Test
    void aLaneQuietForFiveSecondsWarmsUpAgainAndLanesAreApart() {
        SendSpacing s = new SendSpacing();
        onTime(s, "a", 0, 2_000, 2_000); // 4 s: warm
        assertThat(s.next("b", 4 * SECOND, 2_000)).isEqualTo(4 * SECOND); // another lane: its own schedule
        long back = 20 * SECOND;
        assertThat(s.next("a", back, 2_000)).isEqualTo(back);
        assertThat(s.next("a", back + 2_000, 2_000)).isEqualTo(back + 4_000); // half rate again
    }
}
