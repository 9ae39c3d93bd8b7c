package io.batchcall.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/**
 * The receiving end of a pacing measurement, faster than a Python one: {@code POST /dial} (any body) answers 200 and
 * records when the request arrived (epoch microseconds, from a monotonic clock); {@code GET /times} lists them, one per
 * line; {@code POST /warm} does the same work unrecorded. Used by {@code scripts/pacing-check.py --java-receiver}.
 *
 * <pre>java -cp bench/target/batchcall-bench.jar io.batchcall.bench.DialReceiver PORT</pre>
 */
public final class DialReceiver {

    private DialReceiver() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long originNanos = System.nanoTime();
        long originMicros = System.currentTimeMillis() * 1000;
        ConcurrentLinkedQueue<Long> times = new ConcurrentLinkedQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.createContext("/dial", exchange -> {
            times.add(originMicros + (System.nanoTime() - originNanos) / 1000);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        // the same work, not recorded: a measurement warms the receiver first, so that its own first requests (class
        // loading, JIT) do not bunch the timestamps of the first dials
        server.createContext("/warm", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/times", exchange -> {
            StringBuilder out = new StringBuilder();
            times.forEach(t -> out.append(t).append('\n'));
            byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        System.out.println("listening on " + port);
    }
}
