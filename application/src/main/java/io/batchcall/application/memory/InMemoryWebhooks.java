package io.batchcall.application.memory;

import io.batchcall.application.port.out.Webhooks;
import io.batchcall.application.webhook.Delivery;
import io.batchcall.application.webhook.DeliveryStatus;
import io.batchcall.application.webhook.DueStream;
import io.batchcall.application.webhook.PendingEvent;
import io.batchcall.application.webhook.Settlement;
import io.batchcall.application.webhook.WebhookEndpoint;
import io.batchcall.application.webhook.WebhookEvent;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** {@link Webhooks} in memory: the outbox {@link InMemoryBatchJobs} records its events into. */
public final class InMemoryWebhooks implements Webhooks {

    private record StreamKey(String endpointId, String jobId) {
    }

    private static final class Stream {
        long pending;
        Instant next;
        Instant leaseUntil;
    }

    private final Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, WebhookEvent> events = new HashMap<>();
    private final TreeMap<Long, Delivery> deliveries = new TreeMap<>();
    private final Map<StreamKey, Stream> streams = new LinkedHashMap<>();
    private long lastDelivery;
    private long lastEvent;

    /** Records the events, one delivery per subscribed endpoint; events no endpoint wants are not kept. */
    synchronized void record(java.util.List<PendingEvent> pending, Instant now) {
        for (PendingEvent p : pending) {
            WebhookEvent event = null;
            for (WebhookEndpoint e : endpoints.values()) {
                if (!e.organizationId().equals(p.organizationId()) || !e.wants(p.type())) {
                    continue;
                }
                if (event == null) {
                    event = new WebhookEvent("evt_" + String.format("%024d", ++lastEvent), p.type(), p.organizationId(), p.jobId(), now, p.data());
                    events.put(event.id(), event);
                }
                long id = ++lastDelivery;
                deliveries.put(id, new Delivery(id, e.id(), event.id(), p.type(), p.jobId(), DeliveryStatus.PENDING, 0, Option.none(),
                        Option.none(), Option.of(now), now, Option.none()));
                Stream s = streams.computeIfAbsent(new StreamKey(e.id(), p.jobId()), k -> new Stream());
                s.pending++;
                if (s.next == null) {
                    s.next = now;
                }
            }
        }
    }

    @Override
    public synchronized void addEndpoint(WebhookEndpoint endpoint) {
        endpoints.put(endpoint.id(), endpoint);
    }

    @Override
    public synchronized List<WebhookEndpoint> endpoints(String organizationId) {
        return List.ofAll(endpoints.values()).filter(e -> e.organizationId().equals(organizationId));
    }

    @Override
    public synchronized Option<WebhookEndpoint> endpoint(String organizationId, String endpointId) {
        return Option.of(endpoints.get(endpointId)).filter(e -> e.organizationId().equals(organizationId));
    }

    @Override
    public synchronized boolean removeEndpoint(String organizationId, String endpointId) {
        if (endpoint(organizationId, endpointId).isEmpty()) {
            return false;
        }
        endpoints.remove(endpointId);
        deliveries.values().removeIf(d -> d.endpointId().equals(endpointId));
        streams.keySet().removeIf(k -> k.endpointId().equals(endpointId));
        return true;
    }

    @Override
    public synchronized List<Delivery> deliveries(String endpointId, Option<Long> beforeId, int limit) {
        return List.ofAll(deliveries.headMap(beforeId.getOrElse(Long.MAX_VALUE), false).descendingMap().values())
                .filter(d -> d.endpointId().equals(endpointId)).take(limit);
    }

    @Override
    public synchronized Option<Delivery> delivery(String endpointId, long deliveryId) {
        return Option.of(deliveries.get(deliveryId)).filter(d -> d.endpointId().equals(endpointId));
    }

    @Override
    public synchronized Option<Delivery> replay(String endpointId, long deliveryId, Instant now) {
        return delivery(endpointId, deliveryId).map(d -> {
            Delivery again = new Delivery(d.id(), d.endpointId(), d.eventId(), d.type(), d.jobId(), DeliveryStatus.PENDING, 0,
                    d.lastResponseCode(), d.lastError(), Option.of(now), d.createdAt(), Option.none());
            deliveries.put(d.id(), again);
            Stream s = streams.computeIfAbsent(new StreamKey(endpointId, d.jobId()), k -> new Stream());
            if (d.status() != DeliveryStatus.PENDING) {
                s.pending++;
            }
            s.next = now;
            return again;
        });
    }

    @Override
    public synchronized List<DueStream> claim(Instant now, Instant leaseUntil, int max, int perStream) {
        java.util.List<DueStream> claimed = new ArrayList<>();
        streams.entrySet().stream()
                .filter(e -> e.getValue().next != null && !e.getValue().next.isAfter(now)
                        && (e.getValue().leaseUntil == null || !e.getValue().leaseUntil.isAfter(now)))
                .sorted(Comparator.comparing(e -> e.getValue().next))
                .limit(max)
                .forEach(e -> {
                    e.getValue().leaseUntil = leaseUntil;
                    java.util.List<DueStream.Outgoing> out = deliveries.values().stream()
                            .filter(d -> d.status() == DeliveryStatus.PENDING && d.endpointId().equals(e.getKey().endpointId())
                                    && d.jobId().equals(e.getKey().jobId()))
                            .limit(perStream)
                            .map(d -> new DueStream.Outgoing(d.id(), events.get(d.eventId()), d.attempts()))
                            .toList();
                    claimed.add(new DueStream(endpoints.get(e.getKey().endpointId()), e.getKey().jobId(), out));
                });
        return List.ofAll(claimed);
    }

    @Override
    public synchronized void settle(Settlement s) {
        Stream stream = streams.get(new StreamKey(s.endpointId(), s.jobId()));
        if (stream == null) {
            return; // the endpoint was removed meanwhile
        }
        for (Settlement.Delivered d : s.delivered()) {
            Delivery was = deliveries.get(d.deliveryId());
            if (was != null && was.status() == DeliveryStatus.PENDING) {
                deliveries.put(was.id(), with(was, DeliveryStatus.DELIVERED, Option.of(d.responseCode()), Option.none(), Option.none(),
                        Option.of(s.now())));
                stream.pending--;
            }
        }
        Instant next = s.now();
        if (s.failure().isDefined()) {
            Settlement.Failure f = s.failure().get();
            Delivery was = deliveries.get(f.deliveryId());
            if (was != null && was.status() == DeliveryStatus.PENDING) {
                boolean giveUp = f.retryAt().isEmpty();
                deliveries.put(was.id(), with(was, giveUp ? DeliveryStatus.FAILED : DeliveryStatus.PENDING, f.responseCode(),
                        Option.of(f.error()), f.retryAt(), Option.none()));
                if (giveUp) {
                    stream.pending--;
                } else {
                    next = f.retryAt().get();
                }
            }
        }
        stream.leaseUntil = null;
        stream.next = stream.pending > 0 ? next : null;
    }

    private static Delivery with(Delivery d, DeliveryStatus status, Option<Integer> code, Option<String> error, Option<Instant> next,
                                 Option<Instant> deliveredAt) {
        return new Delivery(d.id(), d.endpointId(), d.eventId(), d.type(), d.jobId(), status, d.attempts() + 1, code, error, next,
                d.createdAt(), deliveredAt);
    }
}
