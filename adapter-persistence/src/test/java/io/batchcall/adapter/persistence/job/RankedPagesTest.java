package io.batchcall.adapter.persistence.job;

import io.batchcall.adapter.persistence.Database;

import io.batchcall.domain.paging.PageRequest;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Page location from bucket counts, without a database: the located range holds exactly the page a full scan gives. */
class RankedPagesTest {

    @Property(tries = 300)
    void theLocatedRangeHoldsExactlyThePageAFullScanGives(@ForAll @LongRange(min = 1, max = 20_000) long contacts,
                                                          @ForAll @IntRange(min = 1, max = 4) int statuses,
                                                          @ForAll @IntRange(min = 1, max = 500) int pageSize,
                                                          @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        Random random = new Random(seed);
        // each contact (seq 1..n) gets one of 5 statuses; the filter takes statuses 0..statuses-1
        int[] status = new int[(int) contacts + 1];
        List<Long> matching = new ArrayList<>();
        for (int seq = 1; seq <= contacts; seq++) {
            status[seq] = random.nextInt(5);
            if (status[seq] < statuses) {
                matching.add((long) seq);
            }
        }
        long total = matching.size();
        int pages = (int) (total / pageSize) + 2;
        for (int p : new int[] {1, 2, Math.max(1, pages / 2), Math.max(1, pages - 2), pages - 1, pages}) {
            PageRequest page = new PageRequest(p, pageSize);
            boolean fromEnd = RankedPages.fromEnd(page, total);
            List<Iterator<RankedPages.BucketCount>> cursors = new ArrayList<>();
            for (int s = 0; s < statuses; s++) {
                cursors.add(buckets(status, s, fromEnd).iterator());
            }
            Optional<RankedPages.PageRange> range = RankedPages.locate(cursors, total, page, fromEnd);
            List<Long> expected = matching.subList((int) Math.min(total, page.offset()), (int) Math.min(total, page.offset() + pageSize));
            if (expected.isEmpty()) {
                assertThat(range).isEmpty();
                continue;
            }
            List<Long> inRange = matching.stream().filter(seq -> seq >= range.get().fromSeq() && seq < range.get().toSeq()).toList();
            int skip = (int) range.get().skip();
            assertThat(inRange.subList(skip, Math.min(inRange.size(), skip + pageSize))).isEqualTo(expected);
        }
    }

    private static List<RankedPages.BucketCount> buckets(int[] status, int wanted, boolean descending) {
        java.util.TreeMap<Long, Long> counts = new java.util.TreeMap<>();
        for (int seq = 1; seq < status.length; seq++) {
            if (status[seq] == wanted) {
                counts.merge((long) RankedPages.bucketOf(seq), 1L, Long::sum);
            }
        }
        List<RankedPages.BucketCount> out = new ArrayList<>(counts.entrySet().stream().map(e -> new RankedPages.BucketCount(e.getKey(), e.getValue())).toList());
        out.sort(Comparator.comparingLong(RankedPages.BucketCount::bucket));
        if (descending) {
            java.util.Collections.reverse(out);
        }
        return out;
    }
}
