package io.rollgate.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.rollgate.app.support.Browser;
import io.rollgate.app.support.Cab;
import io.rollgate.app.support.ReleaseRequests;
import io.rollgate.app.support.RunningService;
import io.rollgate.sandbox.launcher.Sandbox;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console in headless Chromium against the running service and its sandbox: what a release
 * manager and a delivery lead see and do, at desktop and phone widths, with axe-core's WCAG 2 level
 * A rules checked on each page.
 */
class ConsoleIT extends RunningService {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired private Sandbox sandbox;
  @Autowired private CamundaClient camunda;

  private Browser browser;

  @BeforeEach
  void openBrowser() {
    browser = Browser.open(uri("/"));
  }

  /**
   * Closes the browser before the releases the test started are aborted, so their event streams end
   * with no page left reading them. Then fails the test if the Content-Security-Policy blocked
   * anything on any page it opened.
   */
  @AfterEach
  void closeBrowser() {
    List<String> blocked = browser.blockedByContentSecurityPolicy();
    browser.close();
    assertThat(blocked).as("what the Content-Security-Policy blocked").isEmpty();
  }

  @Test
  void pagesAreServedToAnyoneButTheirDataOnlyWithAToken() {
    // when
    Answer page = call("GET", "/console/", null, null, null);
    Answer script = call("GET", "/console/js/app.js", null, null, null);
    Answer data = call("GET", "/api/v1/releases", null, null, null);

    // then
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<title>Rollgate console</title>");
    assertThat(script.status()).isEqualTo(200);
    assertThat(data.status()).isEqualTo(401);
  }

  @Test
  void consolePagesForbidInlineScriptAndOtherOrigins() {
    // when
    Answer page = call("GET", "/console/", null, null, null);
    Answer script = call("GET", "/console/js/app.js", null, null, null);
    Answer data = call("GET", "/api/v1/releases", ADMIN_TOKEN, null, null);

    // then
    for (Answer answer : List.of(page, script)) {
      assertThat(answer.header("Content-Security-Policy"))
          .contains("default-src 'self'", "script-src 'self';", "style-src 'self'")
          .contains(
              "connect-src 'self' http://127.0.0.1:" + URI.create(OIDC.issuer()).getPort() + ";")
          .doesNotContain("unsafe-eval", "unsafe-inline");
    }
    assertThat(data.header("Content-Security-Policy")).isNull();
  }

  @Test
  void tellsThePagesWhereToSignInAndWhoSignedInOnlyWithACredential() {
    // given
    String vera =
        jwt("vera", List.of("viewer", "not-a-rollgate-role"), Instant.now().plusSeconds(300));

    // when
    Answer options = call("GET", "/console/session/sign-in", null, null, null);
    Answer anonymous = call("GET", "/console/session/caller", null, null, null);
    Answer caller = call("GET", "/console/session/caller", vera, null, null);

    // then
    assertThat(options.status()).isEqualTo(200);
    assertThat(options.json().path("oidc").path("issuer").asText()).isEqualTo(OIDC.issuer());
    assertThat(options.json().path("oidc").path("clientId").asText()).isEqualTo("rollgate-console");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
    assertThat(caller.status()).isEqualTo(200);
    assertThat(caller.json().path("name").asText()).isEqualTo("vera");
    assertThat(caller.json().path("roles").toString()).isEqualTo("[\"viewer\"]");
  }

  @Test
  void theBrowserTestsSeeWhatThePolicyBlocks() {
    try (Browser probe = Browser.open(uri("/"))) {
      // given
      probe.go("");
      probe.await(d -> probe.visible(By.id("token")));

      // when: an inline style element and a style attribute, as a library writing styles would
      probe.script(
          "const style = document.createElement('style');"
              + "style.textContent = 'body { background: red; }';"
              + "document.head.append(style);"
              + "document.body.setAttribute('style', 'background: red');");

      // then
      List<String> blocked =
          probe.await(
              d -> {
                List<String> found = probe.blockedByContentSecurityPolicy();
                return found.isEmpty() ? null : found;
              });
      assertThat(String.join("\n", blocked)).contains("style-src");
      assertThat(probe.script("return getComputedStyle(document.body).backgroundColor"))
          .isNotEqualTo("rgb(255, 0, 0)");
    }
  }

  @Test
  void signInRefusesAnUnknownTokenInWords() {
    // given
    browser.go("");

    // when
    browser.driver().findElement(By.id("token")).sendKeys("rg_not-a-token-0123456789abcdefghij");
    browser.driver().findElement(By.cssSelector("form.sign-in button[type=submit]")).click();

    // then
    WebElement message = browser.awaitText(By.id("sign-in-message"), "not accepted");
    assertThat(message.getText()).contains("unknown, revoked or expired");
    assertThat(browser.script("return sessionStorage.getItem('rollgate.token')")).isNull();
    browser.checkA11y("sign-in");
  }

  @Test
  void releaseListFiltersByServiceAndSaysWhenNothingMatches() throws Exception {
    // given
    String viewer = token("console-list-viewer", "viewer");
    String id = start(token("console-list-manager", "release-manager"), "console-list");
    browser.go("#/releases");
    browser.signIn(viewer);

    // when
    filterReleasesBy("console-list");

    // then
    browser.awaitText(By.tagName("main"), id);
    browser.checkA11y("release list");

    // when
    filterReleasesBy("no-such-service");

    // then
    browser.awaitText(By.cssSelector(".state.empty"), "No release matches these filters.");
  }

  @Test
  void goWithRiskReleaseIsDecidedInTheConsoleAndShowsInTheDashboard() throws Exception {
    // given: a known P2 incident, so readiness says GO_WITH_RISK; rita starts the release and
    // mona, another release manager, decides it
    String rita = token("console-rita", "release-manager");
    String mona = token("console-mona", "release-manager");
    WaitingRelease waiting = waitingAtGoNoGo("console-decide", rita);
    String service = waiting.service();
    String id = waiting.id();
    String task = waiting.task();
    String change = waiting.change();
    String known = waiting.incident();

    // when: the requester tries to decide her own release
    browser.go("#/tasks/" + task);
    browser.signIn(rita);
    decideGo("rita started this release and decides it herself");

    // then: refused, with the reason on the page
    WebElement refusal =
        browser.awaitText(By.cssSelector("#task-outcome .problem"), "Not completed");
    assertThat(refusal.getText())
        .contains("console-rita requested this release and cannot decide its go/no-go");

    // when: mona opens the task from her inbox
    browser.signOut();
    browser.signIn(mona);
    browser.go("#/tasks");
    browser.await(d -> browser.visible(By.cssSelector("a[href='#/tasks/" + task + "']"))).click();

    // then: she sees the risky criteria
    WebElement form = browser.awaitText(By.cssSelector(".form-container"), "GO_WITH_RISK");
    assertThat(form.getText()).contains("Risks I accept").contains(known);
    assertThat(browser.reachesByTab("complete-task", 40))
        .as("the Complete task button reached with the Tab key")
        .isTrue();
    browser.checkA11y("task");
    browser.screenshot("task-form");

    // when: she accepts the risk with a justification and decides GO
    decideGo(known + " is known and unrelated to this change");
    browser.driver().findElement(By.cssSelector("#task-outcome a")).click();

    // then: the release page shows the go/no-go passed in the diagram, and the timeline
    browser.awaitText(By.id("timeline"), "go-no-go: GO");
    browser.await(
        d ->
            browser.script(
                "return document.querySelector(\"#diagram [data-element-id='goNoGo'].taken\") !== null"));
    browser.awaitText(By.id("diagram-state"), "Waiting in");
    assertThat(browser.driver().findElement(By.tagName("main")).getText())
        .contains("GO_WITH_RISK")
        .contains("Decision log");
    browser.awaitText(By.cssSelector("a[href*='change_request.do']"), change);
    assertThat(browser.driver().findElement(By.cssSelector("a[href*='/features/checkout-v2']")))
        .isNotNull();
    assertThat(browser.driver().findElements(By.cssSelector("#diagram .bjs-powered-by")))
        .as("the bpmn.io watermark")
        .isNotEmpty();
    assertThat(browser.visible(By.id("download-evidence-html")).getText())
        .isEqualTo("Evidence pack (HTML)");
    browser.checkA11y("release");
    browser.screenshot("release");

    // when: the dashboard for the period
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    browser.go("#/dashboard?service=" + service + "&from=" + today + "&to=" + today);

    // then: the release is behind its figures
    WebElement figure =
        browser.await(
            d -> browser.visible(By.cssSelector("[data-key='readiness-pass-rate-first-time'] a")));
    assertThat(figure.getAttribute("href")).contains(id);
    browser.checkA11y("dashboard");
    browser.screenshot("dashboard");
  }

  @Test
  void signsInWithOidcAndShowsTheInboxWithTheCallersRoleWhereAViewerCannotDecide()
      throws Exception {
    // given: a release waiting at its go/no-go, and olga, a release manager at the identity
    // provider
    WaitingRelease waiting =
        waitingAtGoNoGo("console-oidc", token("console-oidc-requester", "release-manager"));
    int tokensBefore = OIDC.tokensIssued();
    OIDC.signInNextAs("olga", "release-manager");
    browser.go("#/tasks");
    browser.checkA11y("sign-in with OIDC");

    // when
    WebElement caller = browser.signInWithOidc();

    // then: back in the inbox with her name and role, the code spent and gone from the address
    assertThat(caller.getText()).isEqualTo("olga (release-manager)");
    browser.await(d -> browser.visible(By.cssSelector("a[href='#/tasks/" + waiting.task() + "']")));
    assertThat(OIDC.tokensIssued()).isEqualTo(tokensBefore + 1);
    assertThat(browser.driver().getCurrentUrl())
        .endsWith("/console/#/tasks")
        .doesNotContain("code=")
        .doesNotContain("state=");
    assertThat((String) browser.script("return sessionStorage.getItem('rollgate.token')"))
        .startsWith("eyJ");
    assertThat(browser.script("return localStorage.length")).isEqualTo(0L);

    // when: vic, a viewer, signs in the same way and tries to decide the release
    browser.signOut();
    OIDC.signInNextAs("vic", "viewer");
    assertThat(browser.signInWithOidc().getText()).isEqualTo("vic (viewer)");
    browser.go("#/tasks/" + waiting.task());
    decideGo("vic has no say in this release but tries anyway");

    // then: refused, with the roles that would do
    WebElement refusal =
        browser.awaitText(By.cssSelector("#task-outcome .problem"), "Not completed");
    assertThat(refusal.getText()).contains("needs one of the roles release-manager, admin");
    Answer task = call("GET", "/api/v1/tasks/" + waiting.task(), ADMIN_TOKEN, null, null);
    assertThat(task.status()).isEqualTo(200);
  }

  @Test
  void aReleaseWhoseWindowEndedWaitingIsStoppedInTheConsole() throws Exception {
    // given: the change window ended while the release waited at its go/no-go, then it was GO
    WaitingRelease waiting =
        waitingAtGoNoGo("console-window", token("console-window-requester", "release-manager"));
    String manager = token("console-window-manager", "release-manager");
    setProcessVariable(waiting.id(), "windowEnd", Instant.now().minusSeconds(60).toString());
    goAtGoNoGo(waiting, manager);
    String task = awaitTask(waiting.id(), "holdForWindow");

    // when: a viewer and then a release manager stop it
    String form =
        refusedToViewerThenOpened(
            task, manager, "Change window ended: console-window", "STOP", "go-no-go GO");

    // then
    assertThat(form).contains("The window of change " + waiting.change() + " ended at");
    JsonNode ended =
        decideAndAwaitEnd(
            manager, waiting.id(), "STOP", "the window is gone; a new change will be planned");
    assertThat(ended.path("state").asText()).as(ended.toString()).isEqualTo("STOPPED");
    assertThat(changeState(waiting.change())).isEqualTo("Canceled");
  }

  @Test
  void aReleaseWhoseReadinessChangedBeforeCutoverIsAbortedInTheConsole() throws Exception {
    // given: readiness is read again when the window opens, and a P1 was opened meanwhile
    WaitingRelease waiting =
        waitingAtGoNoGo(
            "console-readiness", token("console-readiness-requester", "release-manager"));
    String manager = token("console-readiness-manager", "release-manager");
    setProcessVariable(waiting.id(), "readinessMaxAge", "PT0S");
    String p1 = openIncident("console-readiness", "1");
    goAtGoNoGo(waiting, manager);
    String task = awaitTask(waiting.id(), "confirmReadiness");

    // when: a viewer and then a release manager abort it
    String form =
        refusedToViewerThenOpened(
            task,
            manager,
            "Readiness changed before cutover: console-readiness",
            "ABORT",
            "go-no-go GO");

    // then: the form shows both verdicts and the incidents behind the new one
    assertThat(form).contains("Decided GO_WITH_RISK").contains("now NO_GO").contains(p1);
    JsonNode ended =
        decideAndAwaitEnd(manager, waiting.id(), "ABORT", p1 + " is a P1 on this service: not now");
    assertThat(ended.path("state").asText()).as(ended.toString()).isEqualTo("STOPPED");
    assertThat(changeState(waiting.change())).isEqualTo("Canceled");
  }

  @Test
  void anInconclusiveHealthCheckIsRolledBackInTheConsole() throws Exception {
    // given: a standard change whose metrics endpoint does not answer, so its first wave's
    // health check cannot decide
    String manager = token("console-rollout-manager", "release-manager");
    String id =
        start(token("console-rollout-requester", "release-manager"), "console-rollout", "standard");
    String task = awaitTask(id, "decideRollout");
    int firstWave =
        call("GET", "/api/v1/releases/" + id, ADMIN_TOKEN, null, null)
            .json()
            .path("rollout")
            .path("waves")
            .path(0)
            .asInt();

    // when: a viewer is refused, then a release manager rolls it back
    String form = refusedToViewerThenOpened(task, manager, "Decision", "ROLL_BACK", "readiness GO");

    // then: the form shows the wave, the verdict and what the check saw, kept in the wave's scope
    assertThat(firstWave).isPositive();
    assertThat(form)
        .contains("Rollout at " + firstWave + "% needs a decision: console-rollout 1.0.0")
        .contains("Why: INCONCLUSIVE. What was seen: ")
        .contains("wave " + firstWave + "%")
        .doesNotContain("What was seen: nothing");
    JsonNode ended =
        decideAndAwaitEnd(
            manager, id, "ROLL_BACK", "no metrics, no rollout: back to 0 until they are readable");
    assertThat(ended.path("state").asText()).as(ended.toString()).isEqualTo("ROLLED_BACK");
  }

  @Test
  void aReleaseStoppedAtAnIncidentIsRetriedInTheConsoleWithAJustification() throws Exception {
    // given: a release whose repository GitHub does not know, so its CI check stops
    String manager = token("console-retry-manager", "release-manager");
    String repository = "console-retry-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> body = ReleaseRequests.request("console-retry", "1.0.0");
    body.put("repository", "acme/" + repository);
    String id = startRelease(token("console-retry-pipeline", "pipeline"), body);
    browser.go("#/releases/" + id);
    browser.signIn(manager);

    // then: the page, open while the step fails, says where it stopped and why, and offers the
    // two ways on
    browser.awaitText(By.id("stopped-message"), "Not Found");
    assertThat(browser.driver().findElement(By.id("stopped")).getText())
        .contains("Stopped at an incident")
        .contains("ciStatus")
        .contains("JOB_NO_RETRIES");
    assertThat(browser.visible(By.id("abort-release")).getText()).isEqualTo("Abort release");
    browser.checkA11y("release stopped at an incident");
    browser.screenshot("release-stopped");

    // when: she retries without saying why
    browser.visible(By.id("retry-step")).click();

    // then: nothing is sent; the page asks for the justification
    browser.awaitText(By.cssSelector("#stopped-outcome .state.error"), "Write a justification");
    assertThat(decisionGates(id)).doesNotContain("retry");

    // when: GitHub knows the repository now, and she retries with a justification
    ReleaseRequests.passedBuild(sandbox, "acme", repository, (String) body.get("commitSha"));
    browser
        .visible(By.id("stopped-justification"))
        .sendKeys("the repository was moved; GitHub knows it again");
    browser.visible(By.id("retry-step")).click();

    // then: the step runs again, readiness decides, and the decision log shows who and why
    browser.awaitText(By.cssSelector("#stopped-outcome .state.done"), "Retried");
    browser.awaitText(By.id("timeline"), "ciStatus retried by console-retry-manager");
    browser.awaitText(By.id("timeline"), "readiness: ");
    browser.await(d -> d.findElements(By.id("stopped")).isEmpty());
    browser.awaitText(By.tagName("main"), "the repository was moved; GitHub knows it again");
    assertThat(decisionGates(id)).contains("retry");
  }

  @Test
  void aReleaseStoppedAtAnIncidentIsAbortedFromItsPageWithAJustification() throws Exception {
    // given: a release stopped at its CI check, as above, and a release manager on its page
    String manager = token("console-stop-manager", "release-manager");
    Map<String, Object> body = ReleaseRequests.request("console-retry", "1.0.1");
    body.put("repository", "acme/console-gone-" + UUID.randomUUID().toString().substring(0, 8));
    String id = startRelease(token("console-stop-pipeline", "pipeline"), body);
    awaitIncident(ADMIN_TOKEN, id, Duration.ofMinutes(2));
    browser.go("#/releases/" + id);
    browser.signIn(manager);
    browser.awaitText(By.id("stopped-message"), "Not Found");

    // when: the repository is gone for good, and she aborts the release saying so
    browser.visible(By.id("stopped-justification")).sendKeys("the repository was deleted");
    browser.visible(By.id("abort-release")).click();

    // then: the release ended ABORTED, with her reason in the decision log
    browser.awaitText(By.cssSelector("#stopped-outcome .state.done"), "Aborted");
    browser.awaitText(By.id("release-state"), "ABORTED");
    browser.await(d -> d.findElements(By.id("stopped")).isEmpty());
    browser.awaitText(By.tagName("main"), "the repository was deleted");
    assertThat(decisionGates(id)).contains("abort").doesNotContain("retry");
  }

  @Test
  void everyPageFitsAPhoneWidthAndPassesLevelA() throws Exception {
    // given
    String viewer = token("console-phone-viewer", "viewer");
    String id = start(token("console-phone-manager", "release-manager"), "console-phone");
    browser.size(Browser.PHONE);
    browser.go("#/tasks");
    browser.signIn(viewer);

    for (String route : List.of("#/tasks", "#/releases", "#/releases/" + id, "#/dashboard")) {
      // when
      browser.go(route);
      browser.await(d -> d.findElements(By.cssSelector("main .state.loading")).isEmpty());

      // then
      browser.assertFitsTheWindow();
      browser.checkA11y(route + " at 375 px");
    }
  }

  /**
   * Chooses GO, writes the justification, accepts every risk until 30 days from now and completes.
   */
  private void decideGo(String justification) {
    fillDecision("GO", justification);
    for (WebElement risk :
        browser.driver().findElements(By.cssSelector(".fjs-form-field-checklist input"))) {
      if (!risk.isSelected()) {
        risk.sendKeys(Keys.SPACE);
      }
    }
    for (WebElement until :
        browser.driver().findElements(By.cssSelector(".fjs-form-field-datetime input"))) {
      if (!until.isDisplayed() || !until.isEnabled()) {
        continue;
      }
      until.sendKeys(
          LocalDate.now(ZoneOffset.UTC)
              .plusDays(30)
              .format(DateTimeFormatter.ofPattern("MM/dd/yyyy")),
          Keys.TAB);
    }
    completeTask();
  }

  /** Chooses {@code choice} in the form's decision and writes the justification. */
  private void fillDecision(String choice, String justification) {
    browser
        .await(d -> browser.visible(By.cssSelector(".fjs-form-field-select .fjs-input-group")))
        .click();
    browser
        .await(
            d ->
                d.findElements(By.cssSelector(".fjs-dropdownlist-item")).stream()
                    .filter(item -> item.getText().equals(choice))
                    .findFirst()
                    .orElse(null))
        .click();
    browser.awaitText(By.cssSelector(".fjs-select-display"), choice);
    WebElement text =
        browser.driver().findElement(By.cssSelector(".fjs-form-field-textarea textarea"));
    text.clear();
    text.sendKeys(justification);
  }

  /** Presses Complete task with the keyboard and waits for the service's answer. */
  private void completeTask() {
    browser.driver().findElement(By.id("complete-task")).sendKeys(Keys.ENTER);
    browser.await(d -> !d.findElement(By.id("task-outcome")).getText().contains("Completing"));
  }

  /**
   * Decides the open task's form with {@code choice} and {@code justification} as {@code manager},
   * sees it done, and returns the release record once the release ended.
   */
  private JsonNode decideAndAwaitEnd(
      String manager, String releaseId, String choice, String justification)
      throws InterruptedException {
    fillDecision(choice, justification);
    completeTask();
    browser.awaitText(By.cssSelector("#task-outcome .state.done"), "Done");
    return awaitEnd(manager, releaseId, Duration.ofSeconds(90));
  }

  /**
   * A viewer opens the task, sees its form and its evidence (a decision named {@code evidence} with
   * its hash), and is refused in words when completing it with {@code choice}; then {@code manager}
   * signs in on the same page. Returns what the form shows them, once it shows {@code title}.
   */
  private String refusedToViewerThenOpened(
      String task, String manager, String title, String choice, String evidence) {
    browser.go("#/tasks/" + task);
    browser.signIn(token("console-viewer-" + task, "viewer"));
    browser.awaitText(By.cssSelector(".form-container"), "Decision");
    WebElement decision =
        browser.awaitText(By.cssSelector("[aria-labelledby='evidence-heading'] li"), evidence);
    assertThat(decision.findElement(By.cssSelector(".hash")).getText().trim())
        .matches("[0-9a-f]{64}");
    // the evidence opens with the signed-in token, not as a bare link the API refuses
    decision.findElement(By.tagName("a")).click();
    browser.awaitText(
        By.cssSelector("[aria-labelledby='evidence-heading'] [aria-live]"), "Downloaded.");
    browser.checkA11y("task " + title);
    fillDecision(choice, "a viewer tries to decide this task");
    completeTask();
    assertThat(
            browser.awaitText(By.cssSelector("#task-outcome .problem"), "Not completed").getText())
        .contains("needs one of the roles release-manager, admin");
    browser.signOut();
    browser.signIn(manager);
    browser.go("#/tasks/" + task);
    browser.await(d -> browser.visible(By.cssSelector(".fjs-form-field-select")));
    return browser.awaitText(By.cssSelector(".form-container"), title).getText();
  }

  /** Sets a variable of the release's process, as the change's own data would. */
  private void setProcessVariable(String releaseId, String name, Object value) {
    long process =
        call("GET", "/api/v1/releases/" + releaseId, ADMIN_TOKEN, null, null)
            .json()
            .path("processInstanceKey")
            .asLong();
    camunda.newSetVariablesCommand(process).variables(Map.of(name, value)).send().join();
  }

  /** {@code manager} decides GO at the go/no-go through the API, accepting every risk. */
  private void goAtGoNoGo(WaitingRelease waiting, String manager) throws Exception {
    JsonNode risks =
        call("GET", "/api/v1/tasks/" + waiting.task(), manager, null, null)
            .json()
            .path("data")
            .path("readiness")
            .path("reasons");
    Map<String, Object> variables =
        Map.of(
            "goDecision",
            "GO",
            "justification",
            waiting.incident() + " is known and unrelated to this change",
            "acceptedRisks",
            JSON.convertValue(risks, List.class),
            "risksAcceptedUntil",
            LocalDate.now(ZoneOffset.UTC).plusDays(30).toString());
    Answer completed =
        call(
            "POST",
            "/api/v1/tasks/" + waiting.task() + "/completion",
            manager,
            "application/json",
            JSON.writeValueAsString(Map.of("variables", variables)));
    assertThat(completed.status()).as(completed.body()).isEqualTo(204);
  }

  /** Opens an incident of this priority on the service in ServiceNow; its number. */
  private String openIncident(String service, String priority) {
    return sandbox
        .servicenow()
        .addIncident(
            Map.of(
                "short_description",
                "Known issue on " + service,
                "priority",
                priority,
                "business_service",
                service,
                "cmdb_ci",
                service));
  }

  /** The change's state as ServiceNow shows it. */
  private String changeState(String change) {
    return sandbox
        .servicenow()
        .change(change)
        .orElseThrow()
        .path("state")
        .path("display_value")
        .asText();
  }

  /** A GO_WITH_RISK release waiting at its go/no-go, and what it is waiting with. */
  private record WaitingRelease(
      String service, String id, String task, String change, String incident) {}

  /**
   * Starts a release of {@code service} as {@code requester} with a known P2 incident open, so
   * readiness says GO_WITH_RISK, has the CAB approve its change, and waits for its go/no-go task.
   */
  private WaitingRelease waitingAtGoNoGo(String service, String requester) throws Exception {
    String known = openIncident(service, "2");
    String id = start(requester, service);
    awaitReadiness(id);
    String change = Cab.awaitChangeOf(sandbox, id);
    Cab.approveWhenAsked(sandbox, change);
    return new WaitingRelease(service, id, awaitTask(id, "goNoGo"), change, known);
  }

  private void filterReleasesBy(String service) {
    WebElement field = browser.await(d -> browser.visible(By.id("filter-service")));
    field.clear();
    field.sendKeys(service, Keys.ENTER);
  }

  /**
   * Starts a release of {@code service}: each test releases a service of its own, so no other
   * test's change conflicts with its change in the calendar.
   */
  private String start(String token, String service) throws Exception {
    return start(token, service, "normal");
  }

  private String start(String token, String service, String changeModel) throws Exception {
    Map<String, Object> body = ReleaseRequests.request(service, "1.0.0");
    body.put("commitSha", ReleaseRequests.greenCommit(sandbox));
    body.put("changeModel", changeModel);
    return startRelease(token, body);
  }

  /**
   * Waits as a pipeline does for the readiness verdict; the first release after start-up may wait
   * for LaunchDarkly's flag data before its freeze check.
   */
  private void awaitReadiness(String releaseId) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (Instant.now().isBefore(deadline)) {
      Answer gate =
          call(
              "GET",
              "/api/v1/releases/" + releaseId + "/gates/readiness?wait=PT20S",
              ADMIN_TOKEN,
              null,
              null);
      if ("DECIDED".equals(gate.json().path("status").asText())) {
        assertThat(gate.json().path("verdict").asText()).isEqualTo("GO_WITH_RISK");
        return;
      }
    }
    throw new AssertionError(
        "readiness of "
            + releaseId
            + " was not decided; its process waits in "
            + call("GET", "/api/v1/releases/" + releaseId + "/diagram", ADMIN_TOKEN, null, null)
                .json()
                .path("activeElementIds"));
  }

  /** The key of the release's task at this BPMN element, once it waits there. */
  private String awaitTask(String releaseId, String elementId) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (Instant.now().isBefore(deadline)) {
      Answer tasks = call("GET", "/api/v1/tasks?releaseId=" + releaseId, ADMIN_TOKEN, null, null);
      for (JsonNode task : tasks.json().path("items")) {
        if (elementId.equals(task.path("elementId").asText())) {
          return task.path("key").asText();
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no " + elementId + " task for " + releaseId);
  }
}
