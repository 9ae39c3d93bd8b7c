package io.batchcall.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A real HTTP client over a real socket, as a customer's code would use; every response is checked against the OpenAPI document. */
public final class ApiClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public ApiClient(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Response(int status, JsonNode body, String raw, java.net.http.HttpHeaders headers) {
        public String code() {
            return body.path("error").path("code").asText(null);
        }
    }

    public Response send(String method, String path, String key, String contentType, byte[] body) {
        return sendWith(method, path, key, contentType, body, java.util.Map.of());
    }

    public static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Response sendWith(String method, String path, String key, String contentType, byte[] body, java.util.Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(b::header);
            if (key != null) {
                b.header("Authorization", "Bearer " + key);
            }
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            OpenApiCheck.check(method, path, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
            JsonNode node = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Response(r.statusCode(), node, r.body(), r.headers());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GET whose body is not JSON (an export). */
    public String text(String path, String key) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key).build(),
                    HttpResponse.BodyHandlers.ofString());
            OpenApiCheck.check("GET", path, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
            return r.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path, String key) {
        return send("GET", path, key, null, null);
    }

    public Response post(String path, String key, Object json) {
        try {
            return send("POST", path, key, "application/json", json == null ? null : JSON.writeValueAsBytes(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Response postRaw(String path, String key, String contentType, String body) {
        return send("POST", path, key, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** multipart/form-data with a CSV "file" part and plain fields. */
    public Response postCsv(String path, String key, Map<String, String> fields, byte[] csv) {
        String boundary = "----batchcall" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (var f : fields.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                        + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (csv != null) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contacts.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(csv);
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return send("POST", path, key, "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }
}
