package com.closeloop.pages;

import static com.closeloop.support.Hub.holds;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.closeloop.support.Hub;
import com.closeloop.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * End to end in headless Chromium (profile {@code browser}; .ci/run installs chromium and chromedriver): an auditor
 * signs in, reads the dashboard and the compliance report of a known plant, downloads its CSV, and cannot reach a
 * write action. Screenshots are saved under target/screenshots.
 */
@IntegrationTest
class AuditorBrowserTests {

    static final String PASSWORD = "auditor-browser-password";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    Hub hub;
    WebDriver browser;
    WebDriverWait wait;
    String base;
    String qc;
    String auditor;

    @BeforeEach
    void plantAndBrowser() {
        hub = new Hub(http, jdbc);
        base = "http://localhost:" + port;
        // a known plant: one revision effective 2026-03-01, due 2026-03-31, for four holders of a fresh job function
        qc = hub.jobFunction("QC");
        String sop = hub.id("SOP");
        String e1 = hub.id("E1"), e2 = hub.id("E2"), e3 = hub.id("E3"), e4 = hub.id("E4");
        hub.apply("document.version.approved", "2025-05-01T09:00:00Z", Map.of("documentNumber", sop, "title", "Line clearance",
                "category", "STANDARD", "version", "1.0", "changeType", "MAJOR", "effectiveDate", "2025-06-01"));
        for (String e : List.of(e1, e2, e3, e4)) {
            hub.person(e, "ACTIVE", "2025-05-02T08:00:00Z", holds(qc, "2025-01-01"));
        }
        hub.map(sop, qc, null, "2025-06-05T08:00:00Z"); // v1.0 due 2025-07-05: outside 2026
        hub.apply("document.version.approved", "2026-02-01T09:00:00Z", Map.of("documentNumber", sop, "title", "Line clearance",
                "category", "STANDARD", "version", "2.0", "changeType", "MAJOR", "effectiveDate", "2026-03-01"));
        hub.complete(e1, sop, "2.0", "2026-03-10T10:00:00Z", Map.of()); // on time
        hub.complete(e2, sop, "2.0", "2026-04-05T10:00:00Z", Map.of()); // 5 days late
        hub.person(e4, "TERMINATED", "2026-03-15T08:00:00Z", holds(qc, "2025-01-01")); // cancelled
        // e3 never trains: overdue
        auditor = hub.id("auditor").toLowerCase();
        Map<String, Object> user = new LinkedHashMap<>(Map.of("username", auditor, "password", PASSWORD, "displayName", "Ada Auditor",
                "roles", List.of("AUDITOR")));
        assertThat(hub.admin().postForEntity("/api/admin/users", user, JsonNode.class).getStatusCode().value()).isEqualTo(201);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("closeloop.browser.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1100");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("closeloop.browser.driver", "/usr/bin/chromedriver"))).usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAuditorReadsTheReportDownloadsItsCsvAndCannotChangeAnything() throws Exception {
        browser.get(base + "/reports/compliance");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(auditor);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form.login button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.filters")));

        browser.get(base + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("compliance-by-function")));
        WebElement functionRow = browser.findElement(By.xpath("//table[@id='compliance-by-function']//tr[td/a[text()='" + qc + "']]"));
        List<String> cells = functionRow.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        // rows, on time, late, open, overdue, cancelled/superseded, compliance: 1 on time of 3 that count
        assertThat(cells.subList(1, 8)).containsExactly("4", "1", "1", "0", "1", "1", "33.3");
        screenshot("dashboard");

        browser.get(base + "/reports/compliance?from=2026-01-01&to=2026-12-31&jobFunction=" + qc);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rows")));
        assertThat(browser.findElement(By.id("row-count")).getText()).isEqualTo("4");
        List<String> statuses = browser.findElements(By.cssSelector("#rows td.status")).stream().map(WebElement::getText).toList();
        assertThat(statuses).containsExactly("COMPLETED_ON_TIME", "COMPLETED_LATE", "OVERDUE", "CANCELLED");
        assertThat(browser.findElement(By.cssSelector("#summary th[data-function='" + qc + "']")).getText()).isEqualTo("33.3");
        screenshot("compliance-report");

        String csvUrl = browser.findElement(By.id("csv-link")).getAttribute("href");
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csvUrl))
                .header("Cookie", "JSESSIONID=" + session.getValue()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("documentNumber,version,effectiveDate,jobFunction,employeeId,");
        assertThat(lines).hasSize(5);
        assertThat(lines.subList(1, 5)).allMatch(l -> l.contains("," + qc + ","));
        assertThat(String.join("\n", lines)).contains("COMPLETED_ON_TIME").contains("COMPLETED_LATE").contains("OVERDUE").contains("CANCELLED");

        // no write action is offered, and a forged one is refused
        browser.get(base + "/rules");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rule-set-version")));
        assertThat(browser.findElements(By.id("reload-form"))).isEmpty();
        screenshot("rules");
        ((JavascriptExecutor) browser).executeScript("var f = document.createElement('form'); f.method = 'post'; f.action = '/rules/reload';"
                + " var t = document.createElement('input'); t.type = 'hidden'; t.name = '_csrf';"
                + " t.value = document.querySelector('meta[name=_csrf]').content; f.appendChild(t); document.body.appendChild(f); f.submit();");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-status")));
        assertThat(browser.findElement(By.id("error-status")).getText()).startsWith("403");
        screenshot("refused-write");

        browser.get(base + "/audit?verify=1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("verification")));
        assertThat(browser.findElement(By.id("verification")).getText()).startsWith("OK");
        screenshot("audit-trail");
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(SCREENSHOTS.resolve(name + ".png"))).isGreaterThan(5_000);
    }
}
