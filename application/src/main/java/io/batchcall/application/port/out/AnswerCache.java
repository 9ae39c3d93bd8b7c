package io.batchcall.application.port.out;

/**
 * Answers kept to be served again, bounded by the adapter that keeps them (the HTTP adapter weighs them by their
 * bytes and lets the least recently used go first). May forget any entry at any time.
 */
public interface AnswerCache<K, V> {

    /** The entry kept for {@code key}, or null. */
    V get(K key);

    void put(K key, V value);

    /** A cache that keeps nothing: every answer is read. */
    static <K, V> AnswerCache<K, V> none() {
        return new AnswerCache<>() {
            @Override
            public V get(K key) {
                return null;
            }

            @Override
            public void put(K key, V value) {
            }
        };
    }
}
