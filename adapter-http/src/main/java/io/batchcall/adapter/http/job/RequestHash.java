package io.batchcall.adapter.http.job;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/** What makes two creates "the same request" for an Idempotency-Key: the body (JSON), or the form fields and the file (CSV). */
public final class RequestHash {

    private RequestHash() {
    }

    public static String of(String contentType, Buffer json, MultiMap form, Path csv) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (csv == null) {
            digest.update("json\n".getBytes(StandardCharsets.UTF_8));
            digest.update(json.getBytes());
        } else {
            digest.update("csv\n".getBytes(StandardCharsets.UTF_8));
            TreeSet<String> fields = new TreeSet<>();
            for (String name : form.names()) {
                for (String value : form.getAll(name)) {
                    fields.add(name + "=" + value);
                }
            }
            for (String f : fields) {
                digest.update(f.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            try (InputStream in = Files.newInputStream(csv)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    digest.update(buf, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
