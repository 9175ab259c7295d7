package dev.surge.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The pages a person opens, in a real browser: Debian's headless Chromium driven by its ChromeDriver.
 * Swagger UI opens from the README's link, renders the operations, and an authorized "try it out" works;
 * the sandbox's pay page takes a shopper from an order's {@code authorizationUrl} to a paid order.
 * Screenshots go to {@code target/browser/}.
 * <p>
 * Without {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} the tests are skipped, unless
 * {@code SURGE_BROWSER_TESTS=required} (set by {@code .ci/run}, which installs both) makes that a failure.
 */
class PagesInBrowserIntegrationTests extends IntegrationTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("SURGE_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("SURGE_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "browser");

    private static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    private TestTokens tokens;
    private PaymentFixtures fixtures;

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "required".equals(System.getenv("SURGE_BROWSER_TESTS"))) {
            throw new IllegalStateException("Chromium and ChromeDriver are required (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present, "no Chromium or ChromeDriver on this machine");
        System.setProperty("webdriver.remote.enableTracing", "false");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // Headless as root in a container, and nothing reaching for the internet (this machine has none).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createTempDirectory("surge-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void fixtures() {
        tokens = new TestTokens(accessTokens);
        fixtures = new PaymentFixtures(db, http, tokens);
    }

    @Test
    void swaggerUiListsTheOperationsAndTriesOneOutWithAToken() {
        UUID customer = fixtures.user("CUSTOMER");
        String token = tokens.customer(customer);

        browser.get(base() + "/api-docs");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        whenFailing("swagger-ui", () -> wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".opblock"), 50)));
        assertThat(browser.getCurrentUrl()).contains("/swagger-ui/index.html");
        assertThat(browser.findElements(By.cssSelector(".opblock-summary-path[data-path='/api/v1/cart']"))).isNotEmpty();

        browser.findElement(By.cssSelector(".auth-wrapper .authorize")).click();
        WebElement value = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux input")));
        value.sendKeys(token);
        browser.findElement(By.cssSelector(".modal-ux .auth-btn-wrapper .authorize")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux .auth-btn-wrapper .btn-done")))
                .click();

        WebElement me = browser.findElement(By.xpath(
                "//div[contains(@class,'opblock-get')][.//*[@data-path='/api/v1/auth/me']]"));
        me.findElement(By.cssSelector(".opblock-summary-control")).click();
        wait.until(ExpectedConditions.elementToBeClickable(me.findElement(By.cssSelector(".try-out__btn")))).click();
        wait.until(ExpectedConditions.elementToBeClickable(me.findElement(By.cssSelector(".execute")))).click();
        WebElement status = wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(me,
                By.cssSelector(".live-responses-table .response .response-col_status"))).get(0);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", status);
        screenshot("swagger-ui");
        assertThat(status.getText().trim()).startsWith("200");
        assertThat(me.findElement(By.cssSelector(".live-responses-table .response .response-col_description pre"))
                .getText()).contains(customer.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aShopperPaysOnTheSandboxPayPage() {
        UUID variant = fixtures.variant(5, 4_250, "USD");
        Map<String, Object> order = fixtures.order(null, variant, 2);
        Map<String, Object> payment = fixtures.createPayment(null, Map.of("orderId", order.get("id"),
                        "email", order.get("email"), "token", order.get("guestAccessToken")))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String payPage = (String) payment.get("authorizationUrl");

        browser.get(payPage);
        assertThat(browser.findElement(By.id("order")).getText()).isEqualTo("Order " + order.get("number"));
        Map<String, Object> total = (Map<String, Object>) order.get("total");
        assertThat(browser.findElement(By.id("amount")).getText())
                .isEqualTo(java.math.BigDecimal.valueOf(((Number) total.get("amountMinor")).longValue(), 2) + " USD");
        assertThat(browser.findElements(By.id("fail"))).hasSize(1);
        screenshot("sandbox-pay-page");
        browser.findElement(By.id("pay")).click();

        WebElement result = whenFailing("sandbox-paid", () -> new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("result"))));
        screenshot("sandbox-paid");
        assertThat(result.getText()).startsWith("Paid");
        assertThat(browser.findElements(By.id("pay"))).isEmpty();

        Map<String, Object> lookup = http.post().uri("/api/v1/orders/lookup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("number", order.get("number"), "email", order.get("email"),
                        "token", order.get("guestAccessToken")))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(lookup.get("status")).isEqualTo("PAID");
    }

    private String base() {
        // The name the sandbox's authorizationUrl uses, so that Swagger UI's "try it out" stays same-origin.
        return "http://localhost:" + port;
    }

    /** Keeps the page (screenshot and HTML) when a step fails, for the CI artifacts. */
    private static <T> T whenFailing(String name, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException | AssertionError e) {
            screenshot(name + "-failed");
            try {
                Files.writeString(SCREENSHOTS.resolve(name + "-failed.html"), browser.getPageSource());
            } catch (IOException io) {
                e.addSuppressed(io);
            }
            throw e;
        }
    }

    private static void screenshot(String name) {
        try {
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
