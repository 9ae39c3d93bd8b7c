package io.batchcall.application.support;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads an iterator on its own thread, a bounded number of chunks ahead of the consumer, so reading and storing
 * overlap (two cores: one parses or checks, one writes): an upload's rows are parsed ahead of the checks, and the
 * checked contacts of an add ahead of the store's writes. Memory stays bounded by {@code chunks × chunkSize} items.
 * A failure of the reader is rethrown to the consumer at the point it happened; {@link #close} stops the reader and
 * waits for it, so whatever the source counted is complete (and visible) once the consumer has read to the end.
 * Shared by both sides (package support: neither a port nor a service): the HTTP adapter reads an upload ahead with it,
 * the add use case its checked rows.
 */
public final class ReadAhead<T> implements Iterator<T>, AutoCloseable {

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread reader;
    private Iterator<T> current = java.util.Collections.emptyIterator();
    private boolean done;
    private boolean started;
    private volatile boolean closed;

    public ReadAhead(Iterator<T> source, int chunkSize, int chunks) {
        this(source, chunkSize, chunks, "batchcall-upload-reader");
    }

    public ReadAhead(Iterator<T> source, int chunkSize, int chunks, String threadName) {
        this.queue = new ArrayBlockingQueue<>(chunks);
        this.reader = new Thread(() -> {
            try {
                List<T> chunk = new ArrayList<>(chunkSize);
                while (!closed && source.hasNext()) {
                    chunk.add(source.next());
                    if (chunk.size() == chunkSize) {
                        put(chunk);
                        chunk = new ArrayList<>(chunkSize);
                    }
                }
                if (!chunk.isEmpty()) {
                    put(chunk);
                }
                put(END);
            } catch (RuntimeException | Error e) {
                put(e); // rethrown to the consumer, never left waiting
            }
        }, threadName);
        reader.setDaemon(true);
    }

    private void put(Object item) {
        try {
            while (!closed && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // the consumer is busy writing; wait
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean hasNext() {
        if (!started) {
            // read only once someone reads: a create refused before its rows (a replayed or reused key) reads none
            started = true;
            reader.start();
        }
        while (!current.hasNext() && !done) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the upload", e);
            }
            if (item == END) {
                done = true;
            } else if (item instanceof RuntimeException e) {
                done = true;
                throw e;
            } else if (item instanceof Error e) {
                done = true;
                throw e;
            } else {
                current = ((List<T>) item).iterator();
            }
        }
        return current.hasNext();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
