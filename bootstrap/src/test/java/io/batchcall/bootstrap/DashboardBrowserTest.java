package io.batchcall.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real headless Chromium against a real server (SQLite, simulated dialer with
 * one-second calls): sign in, upload a CSV, read the dry-run preview, create, watch the breakdown change
 * live from the event stream, filter contacts, see hostile contact data shown as text, cancel; then a
 * phone-width check and the first paint of a 1M-contact job's page. Screenshots of each step go to
 * {@code bootstrap/target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final String KEY = "dashboard-key-0000000001";
    private static final String OTHER_KEY = "dashboard-key-0000000002";
    private static final String HOSTILE = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";

    @TempDir
    static Path data;
    @TempDir
    static Path profile;
    private static BatchCallServer server;
    private static ChromeDriver browser;
    private static String base;
    private static Http api;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start(profile);
        server = BatchCallServer.start(Config.fromEnv(Map.of("BATCHCALL_HTTP_PORT", "0", "BATCHCALL_DATA_DIR", data.toString(),
                "BATCHCALL_API_KEYS", "org-1:" + KEY + ",org-2:" + OTHER_KEY, "BATCHCALL_TICK_MILLIS", "50",
                "BATCHCALL_SIM_CALL_SECONDS", "1", "BATCHCALL_SIM_OUTCOMES", "completed=70,no_answer=15,busy=15")));
        base = "http://localhost:" + server.port();
        api = new Http(server.port(), KEY);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static WebDriverWait waiting(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private static WebElement visible(String css) {
        return waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** An element's visible text, read in one script (the live page replaces elements as it updates). */
    private static String text(String css) {
        return (String) browser.executeScript("const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null", css);
    }

    private static long figure(String status) {
        return Long.parseLong(text("#job-breakdown [data-status=" + status + "]").replace(",", ""));
    }

    @Test
    @Order(1)
    void anOperatorUploadsPreviewsStartsWatchesFiltersAndCancels() throws Exception {
        api.post("/batch/suppressions", "{\"phoneNumbers\":[\"+14155550007\"]}");
        browser.get(base + "/");
        visible("#api-key").sendKeys("not-a-key-of-anyone");
        browser.findElement(By.id("sign-in")).click();
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "refused"));
        Browser.screenshot(browser, "01-login-refused");

        WebElement keyField = browser.findElement(By.id("api-key"));
        keyField.clear();
        keyField.sendKeys(KEY, Keys.ENTER); // the keyboard alone signs in
        visible("#view-jobs");
        assertThat(browser.executeScript("return sessionStorage.getItem('batchcall.apiKey')")).isEqualTo(KEY);
        assertThat(browser.manage().getCookies()).as("no cookies: no CSRF surface").isEmpty();
        Browser.screenshot(browser, "02-jobs-empty");

        browser.findElement(By.cssSelector("#view-jobs a.button")).click();
        visible("#f-name").sendKeys("Spring promo");
        browser.findElement(By.id("f-from")).sendKeys("pn_main");
        browser.findElement(By.id("f-agent")).sendKeys("ag_sales");
        setNumber("f-concurrency", "3");
        setNumber("f-attempts", "1");
        browser.findElement(By.id("f-file")).sendKeys(campaignCsv().toAbsolutePath().toString());
        browser.findElement(By.id("preview")).click();
        visible("#preview-panel");
        assertThat(text("[data-figure=valid]")).isEqualTo("36");
        assertThat(text("[data-figure=skipped]")).isEqualTo("4");
        assertThat(text("[data-figure=suppressed]")).isEqualTo("1");
        assertThat(tableRows("#preview-reasons")).contains(List.of("duplicate_phone", "1"), List.of("invalid_phone", "2"),
                List.of("suppressed", "1"));
        assertThat(tableRows("#preview-zones")).contains(List.of("America/Los_Angeles", "35"), List.of("Europe/London", "1"));
        assertThat(api.get("/batch/jobs").get("total").asLong()).as("the preview stores nothing").isZero();
        Browser.screenshot(browser, "03-preview");

        browser.findElement(By.id("create")).click();
        waiting(10).until(ExpectedConditions.urlMatches("#/jobs/bj_"));
        visible("#view-job");
        waiting(10).until(ExpectedConditions.textToBe(By.id("job-title"), "Spring promo"));
        String jobId = browser.getCurrentUrl().replaceAll(".*#/jobs/", "");
        assertThat(api.get("/batch/jobs/" + jobId).get("totalContacts").asLong()).isEqualTo(36);
        browser.executeScript("window.__samePage = true");

        // live: the breakdown moves without a reload, from the job's event stream
        waiting(20).until(d -> figure("completed") + figure("no_answer") + figure("busy") >= 3);
        long early = figure("completed") + figure("no_answer") + figure("busy");
        Browser.screenshot(browser, "04-job-running");
        waiting(20).until(d -> figure("completed") + figure("no_answer") + figure("busy") > early + 2);
        assertThat(browser.executeScript("return window.__samePage")).as("updated in place, not reloaded").isEqualTo(true);
        assertThat(text("#job-status")).isEqualTo("running");
        assertThat(text("[data-figure=eta]")).isNotEqualTo("—");
        assertThat(text("#job-progress-label")).contains("of 36 contacts done");

        // filter the contacts table; hostile contact data is shown as text, never run
        new Select(browser.findElement(By.id("contacts-status"))).selectByVisibleText("pending");
        waiting(10).until(d -> tableRows("#contacts-table").stream().allMatch(r -> r.size() > 1 && r.get(1).equals("pending")));
        // one contact taken out of the running campaign (CONTRACT §16), from its row
        List<List<String>> waitingRows = tableRows("#contacts-table");
        String taken = waitingRows.get(waitingRows.size() - 1).get(0); // the last in upload order: the last to be dialed
        // the live table is drawn again every few seconds: a click on a row drawn over just then is clicked again
        for (int tries = 1; ; tries++) {
            try {
                visible("#contacts-table button[aria-label='Cancel " + taken + "']").click();
                waiting(2).until(ExpectedConditions.alertIsPresent()).accept();
                break;
            } catch (org.openqa.selenium.TimeoutException | org.openqa.selenium.StaleElementReferenceException redrawn) {
                if (tries == 5) {
                    throw redrawn;
                }
            }
        }
        waiting(10).until(d -> tableRows("#contacts-table").stream().noneMatch(r -> r.get(0).equals(taken)));
        String takenStatus = StreamSupport.stream(api.get("/batch/jobs/" + jobId + "?contactStatus=cancelled").get("contacts").spliterator(), false)
                .filter(c -> c.get("phoneNumber").asText().equals(taken)).findFirst().map(c -> c.get("status").asText()).orElse("not cancelled");
        assertThat(takenStatus).isEqualTo("cancelled");
        new Select(browser.findElement(By.id("contacts-status"))).selectByVisibleText("all");
        waiting(10).until(d -> text("#contacts-table tbody").contains("onerror"));
        assertThat(text("#contacts-table tbody")).contains(HOSTILE.replace("\"", "\\\""));
        assertThat(browser.findElements(By.cssSelector("#contacts-table img, #contacts-table script"))).isEmpty();
        assertThat(browser.executeScript("return window.__pwned === undefined")).isEqualTo(true);

        browser.findElement(By.cssSelector("[data-action=cancel]")).click();
        waiting(5).until(ExpectedConditions.alertIsPresent()).accept();
        waiting(10).until(ExpectedConditions.textToBe(By.id("job-status"), "cancelled"));
        assertThat(figure("cancelled")).isPositive();
        assertThat(browser.findElement(By.cssSelector("[data-action=retry]")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector("[data-action=cancel]")).isDisplayed()).isFalse();
        JsonNode stored = api.get("/batch/jobs/" + jobId);
        assertThat(stored.get("status").asText()).isEqualTo("cancelled");
        assertThat(figure("cancelled")).isEqualTo(stored.get("statusBreakdown").get("cancelled").asLong());
        Browser.screenshot(browser, "05-job-cancelled");

        assertThat(unlabelledFields()).as("every field has a label").isEmpty();
        assertNoAlert();
    }

    @Test
    @Order(2)
    void aPhoneWidthShowsThePageWithoutSidewaysScrollingAndAnotherOrganizationSeesNothing() throws Exception {
        String id = api.post("/batch/create", Http.job("Phone width", 5, 1, 1, "")).get("batchJobId").asText();
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(base + "/#/jobs/" + id);
        waiting(10).until(ExpectedConditions.textToBe(By.id("job-title"), "Phone width"));
        assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth")).isLessThanOrEqualTo(0L);
        Browser.screenshot(browser, "06-job-phone-width");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        browser.findElement(By.id("sign-out")).click();
        visible("#api-key").sendKeys(OTHER_KEY, Keys.ENTER);
        visible("#view-jobs");
        browser.get(base + "/#/jobs/" + id);
        visible("#view-missing");
        browser.get(base + "/#/");
        visible("#view-jobs");
        waiting(10).until(d -> text("#jobs-table tbody").contains("No jobs yet"));
    }

    @Test
    @Order(3)
    void theJobPageOfAMillionContactJobPaintsAndItsFigureIsPrinted() throws Exception {
        int contacts = Integer.getInteger("dashboard.paint.contacts", 1_000_000);
        StringBuilder csv = new StringBuilder(contacts * 26).append("phone,name\n");
        for (int i = 0; i < contacts; i++) {
            csv.append("+1415").append(String.format("%07d", 1_000_000 + i).substring(1)).append(",Contact ").append(i).append('\n');
        }
        long t0 = System.nanoTime();
        JsonNode created = upload("Million", csv.toString().getBytes(StandardCharsets.UTF_8));
        System.out.printf("[dashboard] created a %,d-contact job in %.1f s%n", created.get("totalContacts").asLong(), (System.nanoTime() - t0) / 1e9);
        String id = created.get("batchJobId").asText();

        browser.get(base + "/");
        browser.executeScript("sessionStorage.setItem('batchcall.apiKey', arguments[0])", KEY);
        for (int run = 1; run <= 3; run++) {
            browser.get("about:blank");
            browser.get(base + "/#/jobs/" + id);
            waiting(20).until(ExpectedConditions.textToBe(By.id("job-title"), "Million"));
            waiting(10).until(d -> d.getCurrentUrl() != null && (Boolean) browser.executeScript(
                    "return performance.getEntriesByName('batchcall-job-rendered').length > 0"));
            @SuppressWarnings("unchecked")
            Map<String, Object> t = (Map<String, Object>) browser.executeScript("""
                    const nav = performance.getEntriesByType('navigation')[0];
                    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
                    const rendered = performance.getEntriesByName('batchcall-job-rendered')[0];
                    return {ttfb: nav.responseStart, dcl: nav.domContentLoadedEventEnd, fcp: fcp ? fcp.startTime : -1,
                            rendered: rendered.startTime};""");
            System.out.printf("[dashboard] job page of %,d contacts, load %d: first contentful paint %.0f ms, job figures and contacts rendered"
                    + " %.0f ms after navigation start (DOMContentLoaded %.0f ms)%n", contacts, run, num(t.get("fcp")), num(t.get("rendered")),
                    num(t.get("dcl")));
            assertThat(num(t.get("fcp"))).isPositive();
        }
        assertThat(text("[data-figure=valid], #job-progress-label")).contains("of " + String.format("%,d", contacts));
        Browser.screenshot(browser, "07-job-million");
    }

    @Test
    @Order(4)
    void anOperatorRegistersACallerIdAndSeesThePoolAndPacingOnTheJobPage() throws Exception {
        browser.get(base + "/");
        browser.executeScript("sessionStorage.setItem('batchcall.apiKey', arguments[0])", KEY);
        browser.get(base + "/#/caller-ids");
        visible("#view-caller-ids");
        waiting(10).until(d -> text("#caller-ids-table tbody").contains("No caller ID registered yet"));
        browser.findElement(By.id("c-id")).sendKeys("pn_sf");
        browser.findElement(By.id("c-phone")).sendKeys("4155550100"); // not E.164: refused, with the API's words
        browser.findElement(By.id("caller-id-save")).click();
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("caller-id-error"), "E.164"));
        WebElement phone = browser.findElement(By.id("c-phone"));
        phone.clear();
        phone.sendKeys("+14155550100");
        setNumber("c-cps", "1");
        setNumber("c-cap", "300");
        browser.findElement(By.id("caller-id-save")).click();
        waiting(10).until(d -> tableRows("#caller-ids-table").stream().anyMatch(r -> r.size() > 5 && r.get(0).equals("pn_sf")));
        List<String> row = tableRows("#caller-ids-table").stream().filter(r -> r.get(0).equals("pn_sf")).findFirst().get();
        assertThat(row.subList(1, 6)).containsExactly("+14155550100", "1", "300", "0", "active");
        assertThat(api.get("/batch/caller-ids/pn_sf").get("callsPerSecond").asDouble()).isEqualTo(1.0);
        Browser.screenshot(browser, "08-caller-ids");

        String body = Http.job("Pooled", 3, 1, 1, "").replace("\"fromPhoneNumberId\":\"pn_1\"",
                "\"fromPhoneNumberIds\":[\"pn_sf\",\"pn_ny\"],\"callerIdSelection\":\"round_robin\"");
        String id = api.post("/batch/create", body).get("batchJobId").asText();
        browser.get(base + "/#/jobs/" + id);
        waiting(10).until(ExpectedConditions.textToBe(By.id("job-title"), "Pooled"));
        assertThat(text("[data-figure=caller-ids]")).isEqualTo("pn_sf, pn_ny (round robin, retries keep theirs)");
        waiting(10).until(d -> text("[data-figure=pacing]").contains("dials/s"));
        Browser.screenshot(browser, "09-job-pool-pacing");

        browser.get(base + "/#/caller-ids");
        WebElement remove = visible("#caller-ids-table button[aria-label='Remove pn_sf']");
        assertThat(remove.getText()).isEqualTo("Remove");
        remove.click();
        waiting(10).until(d -> text("#caller-ids-table tbody").contains("No caller ID registered yet"));
        assertThat(api.get("/batch/caller-ids").get("total").asInt()).isZero();
        assertThat(unlabelledFields()).as("every field has a label").isEmpty();
        assertNoAlert();
    }

    /**
     * CONTRACT §15 on the job page: the disposition breakdown among the figures; a contact's phone number opens its
     * timeline, which lists its attempts with what each conversation produced. The dispositions are posted as an agent
     * would, while each call is going on (a contact whose simulated call ended first is passed over).
     */
    @Test
    @Order(5)
    void anOperatorSeesTheDispositionsAndOpensAContactsTimeline() throws Exception {
        String id = api.post("/batch/create", Http.job("Conversations", 12, 2, 1, "")).get("batchJobId").asText();
        int posted = 0;
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        java.util.Set<String> tried = new java.util.HashSet<>();
        while (posted < 2 && System.nanoTime() < end) {
            for (JsonNode c : api.get("/batch/jobs/" + id + "?contactStatus=dialing").get("contacts")) {
                String contact = c.get("id").asText();
                if (posted == 2) {
                    break; // two are what the figure below counts: one page may hold more contacts still dialing
                }
                if (!tried.add(contact)) {
                    continue;
                }
                JsonNode answer = api.post("/batch/call-events", "{\"batchJobId\":\"" + id + "\",\"contactId\":\"" + contact
                        + "\",\"attempt\":1,\"type\":\"ended\",\"outcome\":\"completed\",\"callDuration\":30,\"disposition\":\"interested\","
                        + "\"answeredBy\":\"human\",\"outcomeData\":{\"budget\":1200}}");
                if (answer.get("_status").asInt() == 200 && !answer.get("duplicate").asBoolean()) {
                    posted++; // a duplicate: the simulated call had ended first, with the same outcome and no disposition
                }
            }
            Thread.sleep(20);
        }
        assertThat(posted).as("dispositions posted while calls were going on").isEqualTo(2);
        browser.get(base + "/");
        browser.executeScript("sessionStorage.setItem('batchcall.apiKey', arguments[0])", KEY);
        browser.get(base + "/#/jobs/" + id);
        waiting(10).until(ExpectedConditions.textToBe(By.id("job-title"), "Conversations"));
        try {
            waiting(15).until(d -> "interested 2".equals(text("[data-figure=dispositions]")));
        } catch (RuntimeException e) {
            Browser.screenshot(browser, "debug-dispositions");
            throw new AssertionError("dispositions figure: " + text("[data-figure=dispositions]") + "; figures: " + text("#job-figures")
                    + "; error: " + text("#job-error") + "; toast: " + text("#toast"), e);
        }
        JsonNode first = api.get("/batch/jobs/" + id + "?contactDisposition=interested").get("contacts").get(0);
        String phone = first.get("phoneNumber").asText();
        visible("#contacts-table button[aria-label='Timeline of " + phone + "']").click();
        visible("#timeline");
        waiting(10).until(d -> text("#timeline-title").equals("Timeline of " + phone));
        List<List<String>> attempts = tableRows("#timeline-table");
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).get(0)).isEqualTo("1");
        assertThat(attempts.get(0).get(3)).isEqualTo("completed");
        assertThat(attempts.get(0).subList(6, 8)).containsExactly("interested", "human");
        assertThat(attempts.get(0).get(9)).isEqualTo("{\"budget\":1200}");
        assertThat(tableRows("#timeline-waits")).as("dialed as soon as it was due: no wait").containsExactly(List.of("It has not waited."));
        assertThat(tableRows("#contacts-table").stream().anyMatch(r -> r.contains("interested"))).isTrue();

        Browser.screenshot(browser, "10-contact-timeline");
        browser.findElement(By.id("timeline-close")).click();
        waiting(5).until(ExpectedConditions.invisibilityOfElementLocated(By.id("timeline")));
        assertThat(unlabelledFields()).as("every field has a label").isEmpty();

        // CONTRACT §16: contacts added to a job that has not ended, previewed first (a number it has already is skipped)
        String later = api.post("/batch/create", Http.job("Growing", 3, 1, 1, ",\"scheduledStartTime\":\"2099-01-01T00:00:00Z\""))
                .get("batchJobId").asText();
        browser.get(base + "/#/jobs/" + later);
        waiting(10).until(ExpectedConditions.textToBe(By.id("job-title"), "Growing"));
        java.nio.file.Path more = java.nio.file.Files.createTempFile("more", ".csv");
        java.nio.file.Files.writeString(more, "phone,name,priority,expiresAt\n+14150000001,Again,,\n+13125556789,New,7,2098-06-01T12:00:00Z\n");
        visible("#add-file").sendKeys(more.toString());
        browser.findElement(By.cssSelector("#add-form button[type=submit]")).click();
        waiting(10).until(d -> text("#add-report").startsWith("1 would be added"));
        assertThat(text("#add-report")).contains("1 skipped (1 duplicate in job)");
        visible("#add-confirm").click();
        waiting(10).until(d -> text("#add-report").startsWith("1 added (4 in the job)"));
        assertThat(api.get("/batch/jobs/" + later).get("totalContacts").asLong()).isEqualTo(4);
        // the contact table shows each contact's priority and expiry (CONTRACT §16)
        waiting(10).until(d -> tableRows("#contacts-table").stream().anyMatch(r -> r.get(0).equals("+13125556789")));
        List<String> added = tableRows("#contacts-table").stream().filter(r -> r.get(0).equals("+13125556789")).findFirst().orElseThrow();
        assertThat(added.get(8)).as("its region: Chicago's area code").isEqualTo("US-IL");
        assertThat(added.get(9)).isEqualTo("7");
        assertThat(added.get(10)).isEqualTo("2098-06-01T12:00:00Z");
        // contacts per region (CONTRACT §17) on the job page
        browser.navigate().refresh();
        waiting(10).until(d -> String.valueOf(text("[data-figure=regions]")).contains("US-IL 1")); // null while the page redraws
        assertThat(text("[data-figure=rules]")).startsWith("none");
        Browser.screenshot(browser, "11-contacts-added");
        assertNoAlert();
    }

    /**
     * Issue 32: the Suppressions page — a bad number gets the API's own message next to the field, one number and a CSV
     * added, looked up, removed, the paged list; hostile text stays text; another organization's numbers never shown.
     */
    @Test
    @Order(6)
    void anOperatorManagesTheSuppressionList() throws Exception {
        new Http(server.port(), OTHER_KEY).post("/batch/suppressions", "{\"phoneNumbers\":[\"+14155559999\"],\"reason\":\"org-2 only\"}");
        browser.get(base + "/");
        browser.executeScript("sessionStorage.setItem('batchcall.apiKey', arguments[0])", KEY);
        browser.get(base + "/#/suppressions");
        visible("#view-suppressions");
        waiting(10).until(d -> tableRows("#suppressions-table").stream().anyMatch(r -> r.get(0).equals("+14155550007")));

        visible("#sup-phone").sendKeys("415-555");
        browser.findElement(By.id("sup-add")).click();
        waiting(10).until(d -> !text("#suppression-add-error").isEmpty());
        assertThat(text("#suppression-add-error")).as("the API's own message")
                .isEqualTo(api.post("/batch/suppressions", "{\"phoneNumbers\":[\"415-555\"]}").get("error").get("message").asText());

        WebElement phone = browser.findElement(By.id("sup-phone"));
        phone.clear();
        phone.sendKeys("+14155550123");
        browser.findElement(By.id("sup-reason")).sendKeys(HOSTILE);
        browser.findElement(By.id("sup-add")).click();
        waiting(10).until(d -> tableRows("#suppressions-table").stream().anyMatch(r -> r.get(0).equals("+14155550123")));
        List<String> row = tableRows("#suppressions-table").stream().filter(r -> r.get(0).equals("+14155550123")).findFirst().orElseThrow();
        assertThat(row.get(1)).as("the reason, shown as text").isEqualTo(HOSTILE);
        assertThat(browser.executeScript("return window.__pwned")).isNull();

        Path csv = data.resolve("suppress.csv");
        Files.writeString(csv, "phone\n+14155550124\n+14155550125\nnot a number\n");
        browser.findElement(By.id("sup-file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.id("sup-upload")).click();
        waiting(10).until(d -> !text("#suppression-uploaded").isEmpty());
        assertThat(text("#suppression-uploaded")).startsWith("2 added, 0 already suppressed, 1 skipped").endsWith("row 3: not a number (invalid_phone)");
        waiting(10).until(d -> tableRows("#suppressions-table").stream().anyMatch(r -> r.get(0).equals("+14155550125")));
        assertThat(tableRows("#suppressions-table")).noneMatch(r -> r.get(0).equals("+14155559999"));
        assertThat(text("#suppressions-pager")).contains("(" + api.get("/batch/suppressions?page=1&pageSize=1").get("total").asInt() + " numbers)");

        visible("#sup-search").sendKeys("+14155550124");
        browser.findElement(By.id("sup-search-go")).click();
        waiting(10).until(d -> text("#suppression-found").contains("is suppressed since"));
        WebElement search = browser.findElement(By.id("sup-search"));
        search.clear();
        search.sendKeys("+14155559999");
        browser.findElement(By.id("sup-search-go")).click();
        waiting(10).until(d -> text("#suppression-found").equals("+14155559999 is not suppressed."));
        Browser.screenshot(browser, "12-suppressions");

        browser.findElement(By.cssSelector("#suppressions-table button[aria-label='Remove +14155550123']")).click();
        waiting(10).until(d -> tableRows("#suppressions-table").stream().noneMatch(r -> r.get(0).equals("+14155550123")));
        assertThat(api.get("/batch/suppressions?phoneNumber=%2B14155550123").get("suppressed").asBoolean()).isFalse();
        assertNoAlert();
    }

    /**
     * Issue 32: the Webhooks page — a bad URL gets the API's message next to the field; registered, its secret shown
     * once; the delivery log fills as a job runs; a delivery replayed is sent again; deleted. Another organization's
     * webhooks never shown.
     */
    @Test
    @Order(7)
    void anOperatorRegistersAWebhookReadsItsDeliveriesReplaysOneAndDeletesIt() throws Exception {
        java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
        List<String> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("localhost", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            new Http(server.port(), OTHER_KEY).post("/batch/webhooks", "{\"url\":\"https://org-two.example/hooks\"}");
            browser.get(base + "/");
            browser.executeScript("sessionStorage.setItem('batchcall.apiKey', arguments[0])", KEY);
            browser.get(base + "/#/webhooks");
            visible("#view-webhooks");
            waiting(10).until(d -> text("#webhooks-table tbody").contains("No webhook registered"));

            visible("#wh-url").sendKeys("ftp://" + HOSTILE);
            browser.findElement(By.id("webhook-save")).click();
            waiting(10).until(d -> !text("#webhook-error").isEmpty());
            JsonNode refused = api.post("/batch/webhooks", Http.JSON.writeValueAsString(Map.of("url", "ftp://" + HOSTILE)));
            assertThat(text("#webhook-error")).as("the API's own message").isEqualTo(refused.get("error").get("message").asText());
            assertThat(browser.executeScript("return window.__pwned")).isNull();

            WebElement url = browser.findElement(By.id("wh-url"));
            url.clear();
            url.sendKeys("http://localhost:" + receiver.getAddress().getPort() + "/hooks");
            browser.findElement(By.id("wh-event-contact-attempt_ended")).click(); // unchecked: job events and contact.finished
            browser.findElement(By.id("webhook-save")).click();
            visible("#webhook-secret-box");
            assertThat(text("#webhook-secret")).startsWith("whsec_");
            waiting(10).until(d -> tableRows("#webhooks-table").size() == 1 && tableRows("#webhooks-table").get(0).size() == 5);
            List<String> hook = tableRows("#webhooks-table").get(0);
            assertThat(hook.get(2)).doesNotContain("contact.attempt_ended").contains("job.completed").contains("contact.finished");
            assertThat(text("#view-webhooks")).doesNotContain("org-two.example");
            String hookId = hook.get(0);

            String job = api.post("/batch/create", Http.job("Hooked", 2, 2, 1, "")).get("batchJobId").asText();
            api.awaitJob(job, Duration.ofSeconds(30), d -> d.get("status").asText().equals("completed"));
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (received.get() < 4 && System.nanoTime() < end) { // started, two contacts finished, completed
                Thread.sleep(100);
            }
            assertThat(received.get()).isGreaterThanOrEqualTo(4);
            browser.findElement(By.cssSelector("#webhooks-table button[aria-label='Deliveries of " + hookId + "']")).click();
            visible("#deliveries");
            waiting(10).until(d -> tableRows("#deliveries-table").stream().filter(r -> r.size() == 8 && r.get(3).equals("delivered")).count() >= 4);
            List<String> completed = tableRows("#deliveries-table").stream().filter(r -> r.get(1).equals("job.completed")).findFirst().orElseThrow();
            assertThat(completed.get(2)).isEqualTo(job);
            assertThat(completed.get(5)).isEqualTo("HTTP 200");
            Browser.screenshot(browser, "13-webhook-deliveries");

            assertThat(browser.executeScript("return getComputedStyle(document.querySelector(arguments[0])).color",
                    "#deliveries-table button[aria-label='Replay " + completed.get(0) + "']")).as("the Replay link, readable on the white table")
                    .isNotEqualTo("rgb(255, 255, 255)");
            java.util.function.LongSupplier completions = () -> List.copyOf(bodies).stream()
                    .filter(b -> b.contains("\"job.completed\"") && b.contains("\"" + job + "\"")).count();
            assertThat(completions.getAsLong()).isEqualTo(1);
            browser.findElement(By.cssSelector("#deliveries-table button[aria-label='Replay " + completed.get(0) + "']")).click();
            end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (completions.getAsLong() < 2 && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertThat(completions.getAsLong()).as("the replayed delivery sent again").isEqualTo(2);

            browser.findElement(By.cssSelector("#webhooks-table button[aria-label='Delete " + hookId + "']")).click();
            waiting(10).until(d -> text("#webhooks-table tbody").contains("No webhook registered"));
            assertThat(api.get("/batch/webhooks").get("webhooks")).isEmpty();
            assertNoAlert();
        } finally {
            receiver.stop(0);
        }
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    private static void setNumber(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    /** 35 Californian contacts, one in London, two bad numbers, a duplicate, a suppressed one; one row's data is hostile markup. */
    private static Path campaignCsv() throws Exception {
        StringBuilder csv = new StringBuilder("phone,name,note\n");
        for (int i = 1; i <= 35; i++) {
            csv.append(String.format("+1415555%04d", i + 100)).append(",Person ").append(i).append(',')
                    .append(i == 3 ? "\"" + HOSTILE.replace("\"", "\"\"") + "\"" : "ok").append('\n');
        }
        csv.append("+442071234567,Londoner,ok\n");
        csv.append("415-555-0199,Formatted,bad\n");
        csv.append("not a number,Nobody,bad\n");
        csv.append("+14155550101,Twice,dup\n");
        csv.append("+14155550007,Suppressed,stop\n");
        Path file = data.resolve("campaign.csv");
        Files.writeString(file, csv);
        return file;
    }

    /** The cells' text of a table's body rows, read in one script (the live page replaces rows as it updates). */
    @SuppressWarnings("unchecked")
    private static List<List<String>> tableRows(String table) {
        return (List<List<String>>) browser.executeScript(
                "return [...document.querySelectorAll(arguments[0] + ' tbody tr')].map(tr => [...tr.cells].map(td => td.innerText.trim()))",
                table);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> unlabelledFields() {
        return (List<Object>) browser.executeScript("""
                return [...document.querySelectorAll('input, select, textarea')]
                  .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.id || e.name);""");
    }

    private static void assertNoAlert() {
        try {
            browser.switchTo().alert();
            throw new AssertionError("an unexpected alert is open");
        } catch (NoAlertPresentException expected) {
            // none
        }
    }

    private static JsonNode upload(String name, byte[] csv) throws Exception {
        String boundary = "----dashboard" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n" + name + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"fromPhoneNumberId\"\r\n\r\npn_1\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"concurrentCallLimit\"\r\n\r\n5\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.csv\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/batch/create"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, csv, tail))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Http.JSON.readTree(r.body());
    }
}
