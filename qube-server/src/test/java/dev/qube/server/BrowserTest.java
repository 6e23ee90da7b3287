package dev.qube.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.qube.Qube;
import dev.qube.QubeIO;
import dev.qube.SelectMode;
import dev.qube.Selection;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real browser: Debian's chromium driven headless through chromium-driver. Opens
 * climate_dt_large (climate_dt or a made-up catalogue when the real data is absent), picks values
 * for three keys and checks every count shown against the library, searches, expands a tree node
 * and saves a screenshot to {@code target/qube-serve.png}.
 *
 * <p>Skipped with a message when chromium or chromedriver is missing, unless
 * {@code -Dqube.browser.required=true} (as {@code .ci/run} sets), which makes it fail instead.
 */
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path dir;
    static QubeServer server;
    static Qube qube;
    static ChromeDriver driver;

    @BeforeAll
    static void start() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present) {
            String why = "chromium or chromedriver missing (" + CHROMIUM + ", " + DRIVER + "); install with "
                    + "'apt-get install -y chromium chromium-driver'";
            if (Boolean.getBoolean("qube.browser.required")) {
                fail(why + " — the browser test is required here (-Dqube.browser.required=true)");
            }
            Assumptions.abort(why);
        }
        Path data = Path.of(System.getProperty("qube.data", "../../shared/data"));
        Path file = data.resolve("climate_dt_large.json.gz");
        if (!Files.isRegularFile(file)) {
            file = data.resolve("climate_dt.json");
        }
        if (!Files.isRegularFile(file)) {
            file = dir.resolve("made.json");
            List<String> ids = new ArrayList<>();
            for (String e : List.of("hist", "ssp3")) {
                for (String lt : List.of("sfc", "pl")) {
                    for (int p = 1; p <= 5; p++) {
                        ids.add("class=d1,experiment=" + e + ",levtype=" + lt + ",param=" + (100 + p) + ",time=0000/1200");
                    }
                }
            }
            QubeIO.write(Qube.of(ids.stream().flatMap(s -> List.of(s.replace("0000/1200", "0000"), s.replace("0000/1200", "1200")).stream())
                    .toArray(String[]::new)), dev.qube.QubeFormat.TREE_JSON, file);
        }
        qube = QubeIO.read(file);
        server = QubeServer.start(QubeServer.Config.of(List.of(file)));

        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    }

    /** A fresh headless chromium with a profile of its own. */
    private static ChromeDriver newDriver() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    /** Waits until the page has answered the current selection. */
    private static void settled(String selection) {
        waiting().until(d -> {
            WebElement body = d.findElement(By.tagName("body"));
            return "false".equals(body.getDomAttribute("data-busy")) && selection.equals(body.getDomAttribute("data-sel"));
        });
    }

    private static long shownCount() {
        return Long.parseLong(driver.findElement(By.id("count")).getDomAttribute("data-count"));
    }

    /**
     * The browser itself may die on a starved machine (chromium's "tab crashed", a lost session):
     * that is retried with a fresh browser, at most three times; a wrong page never is.
     */
    @Test
    void pickSearchExpandAndScreenshot() throws IOException {
        for (int attempt = 1; ; attempt++) {
            driver = newDriver();
            try {
                scenario();
                return;
            } catch (org.openqa.selenium.WebDriverException e) {
                String m = String.valueOf(e.getMessage());
                boolean browserDied = m.contains("crashed") || m.contains("session deleted") || m.contains("disconnected")
                        || e instanceof org.openqa.selenium.NoSuchSessionException;
                if (!browserDied || attempt == 3) {
                    throw e;
                }
                System.out.println("BrowserTest: the browser died (" + m.lines().findFirst().orElse("") + "); retrying with a fresh one");
            } finally {
                driver.quit();
            }
        }
    }

    private void scenario() throws IOException {
        // opened twice: the first time includes the server's cold start (class loading, JIT)
        for (String when : List.of("cold", "warm")) {
            long t0 = System.nanoTime();
            driver.get("http://127.0.0.1:" + server.port() + "/?" + when);
            settled("");
            System.out.printf("BrowserTest: page with %s ready in %.0f ms (%s); in the page: %s%n", server.catalogueNames().getFirst(),
                    (System.nanoTime() - t0) / 1e6, when, driver.executeScript(
                            "return 'ready at ' + Math.round(performance.now()) + ' ms; ' + performance.getEntriesByType('resource')"
                                    + ".map(e => e.name.replace(/^.*\\//, '').slice(0, 24) + ' ' + Math.round(e.duration) + ' ms').join(', ')"));
        }
        assertEquals(qube.count(), shownCount());

        Map<String, List<String>> chosen = new java.util.LinkedHashMap<>();
        for (int step = 0; step < 3; step++) {
            WebElement key = driver.findElement(By.cssSelector("section.key.frontier"));
            String k = key.getDomAttribute("data-key");
            List<WebElement> values = key.findElements(By.cssSelector("button.value"));
            // take the value with the fewest identifiers, so each step narrows the selection
            WebElement pick = values.stream().min(java.util.Comparator.comparingLong(v -> Long.parseLong(v.getDomAttribute("data-count")))).orElseThrow();
            String v = pick.getDomAttribute("data-value");
            long shownForValue = Long.parseLong(pick.getDomAttribute("data-count"));
            Selection before = Selection.of(chosen);
            try (Qube r = qube.select(before, SelectMode.RELAXED); Qube withV = r.select(Selection.of(Map.of(k, List.of(v))), SelectMode.PRUNE)) {
                assertEquals(withV.count(), shownForValue, "count shown for " + k + "=" + v);
            }
            pick.click();
            chosen.put(k, List.of(v));
            String text = String.join(",", chosen.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().getFirst()).toList());
            settled(text);
            try (Qube r = qube.select(Selection.of(chosen), SelectMode.RELAXED)) {
                assertEquals(r.count(), shownCount(), "count after choosing " + text);
            }
            assertTrue(driver.findElement(By.id("mars")).getText().contains(k + "=" + v));
            assertTrue(driver.findElement(By.id("command")).getText().contains(k + "=" + v));
        }
        assertEquals(3, driver.findElements(By.cssSelector("button.value.chosen")).size());

        // every identifier passes through exactly one child of the root: their counts add up to the total
        long rootSum = driver.findElements(By.cssSelector("#tree > li.node")).stream()
                .mapToLong(e -> Long.parseLong(e.getDomAttribute("data-count"))).sum();
        assertEquals(shownCount(), rootSum, "counts of the tree's first level");

        // expand the first node of the tree: its children are fetched and shown
        WebElement first = waiting().until(d -> d.findElement(By.cssSelector("#tree > li.node.branch")));
        first.findElement(By.cssSelector(".label")).click();
        waiting().until(d -> !d.findElements(By.cssSelector("#tree > li.node.open > ul > li.node")).isEmpty());
        WebElement second = driver.findElement(By.cssSelector("#tree > li.node.open > ul > li.node.branch > .label"));
        second.click();
        waiting().until(d -> !d.findElements(By.cssSelector("#tree > li.node.open > ul > li.node.open > ul > li.node")).isEmpty());
        screenshot("qube-serve.png");

        // search: only matching values stay (keys whose name matches keep all their values)
        WebElement someValue = driver.findElements(By.cssSelector("section.key:not(.selected) button.value")).getLast();
        String needle = someValue.getDomAttribute("data-value");
        driver.findElement(By.id("search")).sendKeys(needle);
        waiting().until(d -> d.findElements(By.cssSelector("button.value mark")).size() > 0);
        for (WebElement b : driver.findElements(By.cssSelector("button.value"))) {
            String key = b.getDomAttribute("data-key");
            assertTrue(b.getDomAttribute("data-value").toLowerCase().contains(needle.toLowerCase()) || key.toLowerCase().contains(needle.toLowerCase()),
                    "search for " + needle + " shows " + key + "=" + b.getDomAttribute("data-value"));
        }
        assertFalse(driver.findElements(By.cssSelector("button.value[data-value='" + needle + "']")).isEmpty());

        screenshot("qube-serve-search.png");
    }

    private static void screenshot(String name) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(target) > 10_000);
    }
}
