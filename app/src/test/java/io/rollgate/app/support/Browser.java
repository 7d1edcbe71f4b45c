package io.rollgate.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, both named by path so nothing is ever
 * downloaded, with a fresh profile. The console is opened on {@code base}; {@link #checkA11y} runs
 * axe-core's WCAG 2 level A rules on what the page shows. With {@code -Drollgate.screenshots=DIR},
 * {@link #screenshot} writes PNGs there.
 */
public final class Browser implements AutoCloseable {

  public static final Dimension DESKTOP = new Dimension(1280, 800);
  public static final Dimension PHONE = new Dimension(375, 800);

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final ChromeDriver driver;
  private final URI base;
  private final Path profile;

  private Browser(ChromeDriver driver, URI base, Path profile) {
    this.driver = driver;
    this.base = base;
    this.profile = profile;
  }

  /** Starts Chromium, or fails with one line saying how to install it. */
  public static Browser open(URI base) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "the browser tests need Chromium: apt-get install -y chromium chromium-driver");
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("rollgate-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        // dates are typed as a US reader writes them (form-js follows the browser's locale)
        "--lang=en-US",
        "--user-data-dir=" + profile);
    // the page's console messages, where the browser reports what the Content-Security-Policy
    // blocked
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(DESKTOP);
    return new Browser(driver, base, profile);
  }

  public WebDriver driver() {
    return driver;
  }

  public void size(Dimension size) {
    driver.manage().window().setSize(size);
  }

  /** Opens a console route, for example {@code #/releases}. */
  public void go(String route) {
    driver.get(base.resolve("/console/" + route).toString());
  }

  /** Signs in on the sign-in page with this token and waits for the page it leads to. */
  public void signIn(String token) {
    WebElement field = await(d -> visible(By.id("token")));
    field.clear();
    field.sendKeys(token);
    driver.findElement(By.cssSelector("form.sign-in button[type=submit]")).click();
    await(d -> d.findElements(By.id("token")).isEmpty());
  }

  /**
   * Signs in with "Sign in with OIDC" as whoever the identity provider signs in, and waits until
   * the header names the caller.
   */
  public WebElement signInWithOidc() {
    await(d -> visible(By.id("sign-in-oidc"))).click();
    await(d -> d.findElements(By.id("token")).isEmpty());
    return await(
        d ->
            d.findElement(By.id("caller")).getText().isEmpty()
                ? null
                : d.findElement(By.id("caller")));
  }

  public void signOut() {
    driver.findElement(By.id("sign-out")).click();
    await(d -> visible(By.id("token")));
  }

  public <T> T await(Function<WebDriver, T> condition) {
    // the pages re-render as live data arrives: an element read mid-render is looked up again
    return new WebDriverWait(driver, PATIENCE)
        .ignoring(StaleElementReferenceException.class)
        .until(condition::apply);
  }

  /** Waits until the page shows this text somewhere in {@code where}. */
  public WebElement awaitText(By where, String text) {
    return await(
        d ->
            d.findElements(where).stream()
                .filter(e -> e.getText().contains(text))
                .findFirst()
                .orElse(null));
  }

  public WebElement visible(By by) {
    return driver.findElements(by).stream()
        .filter(WebElement::isDisplayed)
        .findFirst()
        .orElse(null);
  }

  public Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Whether pressing Tab from the top of the page reaches the element with this id. */
  public boolean reachesByTab(String id, int maxTabs) {
    script("document.activeElement.blur(); window.scrollTo(0, 0);");
    Actions keys = new Actions(driver);
    for (int i = 0; i < maxTabs; i++) {
      keys.sendKeys(Keys.TAB).perform();
      if (id.equals(script("return document.activeElement && document.activeElement.id;"))) {
        return true;
      }
    }
    return false;
  }

  /** The page is no wider than the window: nothing to scroll sideways for. */
  public void assertFitsTheWindow() {
    Number page = (Number) script("return document.documentElement.scrollWidth;");
    Number window = (Number) script("return window.innerWidth;");
    Object widest =
        script(
            "return [...document.querySelectorAll('body *')]"
                + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1"
                + " || (e.scrollWidth > window.innerWidth && getComputedStyle(e).overflowX === 'visible'))"
                + ".map(e => e.tagName + '.' + e.className + ' ' + e.scrollWidth + ' ' + location.hash)"
                + ".slice(0, 5);");
    assertThat(page.intValue())
        .as("page width at a %d px window; too wide: %s", window.intValue(), widest)
        .isLessThanOrEqualTo(window.intValue());
  }

  /** axe-core's WCAG 2 level A rules find nothing on the page as it is now. */
  @SuppressWarnings("unchecked")
  public void checkA11y(String page) {
    script(axeSource());
    driver.manage().timeouts().scriptTimeout(PATIENCE);
    Map<String, Object> results =
        (Map<String, Object>)
            ((JavascriptExecutor) driver)
                .executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a']}})"
                        + ".then(r => done({violations: r.violations.map(v => v.id + ': '"
                        + " + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))}))"
                        + ".catch(e => done({violations: ['axe failed: ' + e]}));");
    assertThat((List<String>) results.get("violations"))
        .as("WCAG 2 level A violations on %s", page)
        .isEmpty();
  }

  /** What the Content-Security-Policy blocked since the browser opened (or since last asked). */
  public List<String> blockedByContentSecurityPolicy() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(m -> m.contains("Content Security Policy"))
        .toList();
  }

  /** Writes {@code console-NAME.png} when screenshots are asked for. */
  public void screenshot(String name) {
    String directory = System.getProperty("rollgate.screenshots");
    if (directory == null || directory.isBlank()) {
      return;
    }
    try {
      Path target = Path.of(directory).resolve("console-" + name + ".png");
      Files.createDirectories(target.getParent());
      Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String axeSource() {
    try (InputStream in = Browser.class.getResourceAsStream("/console/axe.min.js")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try {
      TempFiles.delete(profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
