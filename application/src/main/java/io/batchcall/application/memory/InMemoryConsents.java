package io.batchcall.application.memory;

import io.batchcall.application.port.out.Consents;
import io.batchcall.domain.consent.Consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The organizations' consent records in memory, for {@link InMemoryBatchJobs}: each number's records, oldest first. */
final class InMemoryConsents implements Consents {

    private final Map<String, Map<String, List<Consent>>> byOrg = new HashMap<>();

    @Override
    public synchronized long grant(String organizationId, Collection<Consent> consents) {
        Map<String, List<Consent>> numbers = byOrg.computeIfAbsent(organizationId, k -> new HashMap<>());
        Map<String, Consent> last = new LinkedHashMap<>();
        consents.forEach(c -> last.put(c.phoneNumber(), c));
        long fresh = 0;
        for (Consent c : last.values()) {
            List<Consent> records = numbers.computeIfAbsent(c.phoneNumber(), k -> new ArrayList<>());
            if (!records.isEmpty() && records.get(records.size() - 1).active()) {
                Consent held = records.get(records.size() - 1);
                records.set(records.size() - 1, new Consent(c.phoneNumber(), c.source(), c.grantedAt(), c.text(), held.recordedAt(),
                        io.vavr.control.Option.none()));
            } else {
                records.add(c);
                fresh++;
            }
        }
        return fresh;
    }

    @Override
    public synchronized List<Consent> records(String organizationId, String phoneNumber, int limit) {
        List<Consent> records = new ArrayList<>(byOrg.getOrDefault(organizationId, Map.of()).getOrDefault(phoneNumber, List.of()));
        java.util.Collections.reverse(records);
        return List.copyOf(records.subList(0, Math.min(limit, records.size())));
    }

    @Override
    public synchronized boolean revoke(String organizationId, String phoneNumber, Instant at) {
        List<Consent> records = byOrg.getOrDefault(organizationId, Map.of()).get(phoneNumber);
        if (records == null || records.isEmpty() || !records.get(records.size() - 1).active()) {
            return false;
        }
        records.set(records.size() - 1, records.get(records.size() - 1).revoked(at));
        return true;
    }

    @Override
    public synchronized Set<String> consentedAmong(String organizationId, Collection<String> phoneNumbers) {
        Map<String, List<Consent>> numbers = byOrg.getOrDefault(organizationId, Map.of());
        Set<String> out = new HashSet<>();
        for (String p : phoneNumbers) {
            List<Consent> records = numbers.get(p);
            if (records != null && !records.isEmpty() && records.get(records.size() - 1).active()) {
                out.add(p);
            }
        }
        return out;
    }
}
