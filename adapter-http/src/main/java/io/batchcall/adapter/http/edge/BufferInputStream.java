package io.batchcall.adapter.http.edge;

import io.vertx.core.buffer.Buffer;

import java.io.InputStream;

/** Reads a Vert.x buffer without copying it whole. */
public final class BufferInputStream extends InputStream {

    private final Buffer buffer;
    private int position;

    public BufferInputStream(Buffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public int read() {
        return position < buffer.length() ? buffer.getByte(position++) & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        int left = buffer.length() - position;
        if (left <= 0) {
            return -1;
        }
        int n = Math.min(len, left);
        buffer.getBytes(position, position + n, b, off);
        position += n;
        return n;
    }
}
