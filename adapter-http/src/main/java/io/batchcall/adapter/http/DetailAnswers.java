package io.batchcall.adapter.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.batchcall.application.port.in.DetailStamp;
import io.batchcall.application.port.in.GetBatchJobDetail;
import io.vertx.core.buffer.Buffer;

/**
 * Job-detail answers already written, kept to be served again while the engine says they are still
 * current: nothing was written to the job since their read began, and time alone has not moved them. Where
 * the store sees every write (embedded) the engine tells from memory ({@link GetBatchJobDetail#isCurrent})
 * and the answer is served from the event loop; where several processes write it (PostgreSQL) it tells by
 * reading the job's row ({@link GetBatchJobDetail#detailUnlessCurrent}) instead of the page. Kept per
 * organization and raw query; bounded by the bytes kept, the least recently used going first.
 */
final class DetailAnswers {

    /** One request as the route reads it: the caller's organization, the job and the raw query values. */
    record Request(String organizationId, String jobId, String contactStatus, String contactsPage, String contactsPageSize) {
    }

    /** An answer kept: what it depended on, and its bytes. */
    record Kept(DetailStamp stamp, Buffer body) {
    }

    private final GetBatchJobDetail details;
    private final Cache<Request, Kept> kept;

    /** @param maxBytes bytes of answers kept at most (a page of 50 contacts is about 20 KB); 0 keeps none */
    DetailAnswers(GetBatchJobDetail details, long maxBytes) {
        this.details = details;
        this.kept = maxBytes == 0 ? null
                : Caffeine.newBuilder().maximumWeight(maxBytes).weigher((Request r, Kept k) -> k.body().length()).build();
    }

    /** The answer kept for the request, current or not (the engine may tell by a read); null if none. */
    Kept kept(Request request) {
        return kept == null ? null : kept.getIfPresent(request);
    }

    /** Whether a kept answer is still current, told from memory (never a read: safe on an event loop). */
    boolean current(Request request, Kept k) {
        return details.isCurrent(request.jobId(), k.stamp());
    }

    void keep(Request request, DetailStamp stamp, Buffer body) {
        if (kept != null) {
            kept.put(request, new Kept(stamp, body));
        }
    }
}
