package io.batchcall.adapter.http.job;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.batchcall.application.detail.DetailAnswers;
import io.batchcall.application.port.in.DetailQuery;
import io.batchcall.application.port.out.AnswerCache;
import io.vertx.core.buffer.Buffer;

/** Detail answers kept as the JSON bytes served, bounded by their bytes; the least recently used go first. */
final class KeptAnswers implements AnswerCache<DetailQuery, DetailAnswers.Kept<Buffer>> {

    private final Cache<DetailQuery, DetailAnswers.Kept<Buffer>> kept;

    private KeptAnswers(long maxBytes) {
        this.kept = Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((DetailQuery q, DetailAnswers.Kept<Buffer> k) -> k.answer().length()).build();
    }

    /** @param maxBytes bytes of answers kept at most (a page of 50 contacts is about 20 KB); 0 keeps none */
    static AnswerCache<DetailQuery, DetailAnswers.Kept<Buffer>> of(long maxBytes) {
        return maxBytes == 0 ? AnswerCache.none() : new KeptAnswers(maxBytes);
    }

    @Override
    public DetailAnswers.Kept<Buffer> get(DetailQuery key) {
        return kept.getIfPresent(key);
    }

    @Override
    public void put(DetailQuery key, DetailAnswers.Kept<Buffer> value) {
        kept.put(key, value);
    }
}
