package io.batchcall.adapter.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.batchcall.application.port.in.DetailStamp;
import io.batchcall.application.port.in.GetBatchJobDetail;
import io.vertx.core.buffer.Buffer;

/**
 * Job-detail answers already written, kept to be served again from the event loop without a read while
 * the engine says they are still current ({@link GetBatchJobDetail#isCurrent}: nothing was written to the
 * job since their read began, and time alone has not moved them). Only stamped answers are kept — stores
 * that several processes write (PostgreSQL) stamp nothing — and only by the organization that read them.
 * Bounded by the bytes kept; the least recently used go first.
 */
final class DetailAnswers {

    /** Bytes of answers kept at most (a page of 50 contacts is about 20 KB). */
    static final long MAX_BYTES = 32L * 1024 * 1024;

    /** One request as the route reads it: the caller's organization, the job and the raw query values. */
    record Request(String organizationId, String jobId, String contactStatus, String contactsPage, String contactsPageSize) {
    }

    private record Kept(DetailStamp stamp, Buffer body) {
    }

    private final GetBatchJobDetail details;
    private final Cache<Request, Kept> kept;

    DetailAnswers(GetBatchJobDetail details, long maxBytes) {
        this.details = details;
        this.kept = Caffeine.newBuilder().maximumWeight(maxBytes).weigher((Request r, Kept k) -> k.body().length()).build();
    }

    /** The answer to serve for the request without reading, if one is kept and still current; else null. */
    Buffer current(Request request) {
        Kept k = kept.getIfPresent(request);
        return k != null && details.isCurrent(request.jobId(), k.stamp()) ? k.body() : null;
    }

    void keep(Request request, DetailStamp stamp, Buffer body) {
        kept.put(request, new Kept(stamp, body));
    }
}
