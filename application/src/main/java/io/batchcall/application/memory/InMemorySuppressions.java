package io.batchcall.application.memory;

import io.batchcall.application.port.out.Suppressions;
import io.batchcall.domain.paging.PageRequest;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The organizations' suppression lists in memory, for {@link InMemoryBatchJobs}. */
final class InMemorySuppressions implements Suppressions {

    private final Map<String, Map<String, Suppression>> suppressed = new HashMap<>();

    @Override
    public synchronized long suppress(String organizationId, Collection<String> phoneNumbers, Option<String> reason, Instant now) {
        Map<String, Suppression> list = suppressed.computeIfAbsent(organizationId, k -> new LinkedHashMap<>());
        long added = 0;
        for (String p : phoneNumbers) {
            if (list.putIfAbsent(p, new Suppression(p, reason, now)) == null) {
                added++;
            }
        }
        return added;
    }

    @Override
    public synchronized Option<Suppression> suppression(String organizationId, String phoneNumber) {
        return Option.of(suppressed.getOrDefault(organizationId, Map.of()).get(phoneNumber));
    }

    @Override
    public synchronized Tuple2<List<Suppression>, Long> suppressions(String organizationId, PageRequest page) {
        List<Suppression> all = List.ofAll(suppressed.getOrDefault(organizationId, Map.of()).values());
        return Tuple.of(all.drop((int) Math.min(Integer.MAX_VALUE, page.offset())).take(page.pageSize()), (long) all.size());
    }

    @Override
    public synchronized boolean unsuppress(String organizationId, String phoneNumber) {
        Map<String, Suppression> list = suppressed.get(organizationId);
        return list != null && list.remove(phoneNumber) != null;
    }

    @Override
    public synchronized Set<String> suppressedAmong(String organizationId, Collection<String> phoneNumbers) {
        Map<String, Suppression> list = suppressed.getOrDefault(organizationId, Map.of());
        Set<String> out = new HashSet<>();
        for (String p : phoneNumbers) {
            if (list.containsKey(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
