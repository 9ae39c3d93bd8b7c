package io.batchcall.adapter.http;

import io.batchcall.application.service.EngineSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's files: served without a key, under a strict Content-Security-Policy; nothing else under /assets. */
class DashboardRoutesTest {

    private static TestApi app;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = new TestApi(EngineSettings.DEFAULTS, Map.of("dashboard-key-1", "org-a"), new HttpApi.Settings(1 << 20, Path.of("target", "uploads")));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageAndItsAssetsAreServedWithoutAKeyUnderAStrictPolicy() throws Exception {
        HttpResponse<String> page = send("GET", "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"/assets/app.js\">");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'").contains("script-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(send("HEAD", "/").statusCode()).isEqualTo(200);

        HttpResponse<String> script = send("GET", "/assets/app.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        for (String module : new String[] {"app.js", "api.js", "dom.js", "job.js", "callerids.js"}) {
            // contact data is untrusted: no module may turn text into markup or code
            assertThat(send("GET", "/assets/" + module).body()).as(module).doesNotContain("innerHTML").doesNotContain("outerHTML")
                    .doesNotContain("insertAdjacentHTML").doesNotContain("document.write").doesNotContain("eval(");
        }
        for (String other : new String[] {"/assets/", "/assets/nope.js", "/assets/../openapi/batchcall.yaml", "/assets/%2e%2e/index.html"}) {
            HttpResponse<String> r = send("GET", other);
            assertThat(r.statusCode()).as(other).isIn(301, 404);
            if (r.statusCode() == 404) {
                assertThat(r.body()).as(other).contains("\"code\":\"not_found\"");
            }
        }
    }
}
