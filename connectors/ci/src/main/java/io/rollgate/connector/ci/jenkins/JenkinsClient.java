package io.rollgate.connector.ci.jenkins;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.connector.ApiCalls;
import io.rollgate.connector.ClientBuilder;
import io.rollgate.connector.ErrorBodies;
import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.Resilience;
import io.rollgate.connector.RetrofitApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Response;

/**
 * Jenkins JSON API client: last build, builds of a commit, trigger a build (with or without
 * parameters) and follow it from the queue to its result. Jobs are named by their full name ({@code
 * folder/job} for a job in a folder). Authentication per {@link JenkinsAuth}; with {@link
 * JenkinsAuth.Crumb} a POST refused with 403 is repeated once with a fresh crumb.
 *
 * <p>Every method goes through the {@code jenkins} {@link Resilience} instance: timeouts, 5xx and
 * 429 are retried, then thrown as {@link io.rollgate.connector.RetryableException}; other errors at
 * once as {@link NonRetryableException} with the text of Jenkins' error page. Thread-safe.
 */
public final class JenkinsClient {

  static final String SYSTEM = "jenkins";
  private static final Logger LOG = LoggerFactory.getLogger(JenkinsClient.class);
  private static final Pattern QUEUE_LOCATION = Pattern.compile("/queue/item/(\\d+)/?$");
  private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title>(.*?)</title>");
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final JenkinsApi api;
  private final ApiCalls calls;
  private final Resilience resilience;
  private final boolean useCrumb;
  private final Object crumbLock = new Object();
  private JenkinsApi.CrumbJson crumb;

  private JenkinsClient(Builder b) {
    this.resilience = b.effectiveResilience();
    this.useCrumb = b.auth instanceof JenkinsAuth.Crumb;
    this.calls =
        new ApiCalls(SYSTEM, ErrorBodies.withMessage(JenkinsClient::message), b.effectiveClock());
    String basic =
        Credentials.basic(b.auth.user(), b.auth.secret().value(), StandardCharsets.UTF_8);
    OkHttpClient http =
        resilience
            .httpClient()
            .cookieJar(new SessionCookies())
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain.request().newBuilder().header("Authorization", basic).build()))
            .build();
    this.api = RetrofitApi.create(JenkinsApi.class, b.baseUrl, http, JSON);
  }

  /**
   * @param baseUrl the Jenkins root URL, for example {@code https://ci.example.com/jenkins}
   */
  public static Builder builder(String baseUrl, JenkinsAuth auth) {
    return new Builder(baseUrl, auth);
  }

  /** The job's last build, or empty when it has none (or the job does not exist: both are 404). */
  public Optional<Build> lastBuild(String job) {
    return call(
        "last-build",
        "job=" + job,
        () -> {
          try {
            return Optional.of(toBuild(job, calls.body(api.lastBuild(jobPath(job)))));
          } catch (NonRetryableException e) {
            if (e.status().orElse(0) == 404) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  /** One build of the job. */
  public Build build(String job, int number) {
    return call(
        "get-build",
        "job=" + job + " build=" + number,
        () -> toBuild(job, calls.body(api.build(jobPath(job), number))));
  }

  /** The job's recent builds (Jenkins lists up to 100), newest first, with their commits. */
  public List<Build> builds(String job) {
    JenkinsApi.JobJson answer =
        call(
            "list-builds",
            "job=" + job,
            () -> calls.body(api.job(jobPath(job), "builds[" + JenkinsApi.BUILD_FIELDS + "]")));
    List<Build> builds = new ArrayList<>();
    if (answer.builds() != null) {
      answer.builds().forEach(b -> builds.add(toBuild(job, b)));
    }
    return builds;
  }

  /**
   * The newest build of {@code job} that built commit {@code sha} (a full SHA, or a prefix of at
   * least 7 characters), or empty.
   */
  public Optional<Build> buildForCommit(String job, String sha) {
    return builds(job).stream()
        .filter(b -> b.revision() != null && b.revision().startsWith(sha))
        .findFirst();
  }

  /**
   * Queues a build: {@code buildWithParameters} with the parameters form-encoded, or {@code build}
   * when there are none.
   *
   * @return the queue item id from the {@code Location} Jenkins answers with
   */
  public long trigger(String job, Map<String, String> parameters) {
    return call(
        "trigger-build",
        "job=" + job + " parameters=" + parameters.keySet(),
        () -> {
          Response<Void> answer =
              post(
                  crumb ->
                      parameters.isEmpty()
                          ? api.build(jobPath(job), crumb)
                          : api.buildWithParameters(jobPath(job), crumb, parameters));
          String location = answer.headers().get("Location");
          Matcher m = QUEUE_LOCATION.matcher(location == null ? "" : location);
          if (!m.find()) {
            throw new NonRetryableException(
                SYSTEM,
                answer.code(),
                "expected a queue item Location, got '" + location + "'",
                null);
          }
          return Long.parseLong(m.group(1));
        });
  }

  /** A queue item, while it waits and after it became a build. */
  public QueueItem queueItem(long id) {
    JenkinsApi.QueueItemJson item =
        call("get-queue-item", "queue_id=" + id, () -> calls.body(api.queueItem(id)));
    return new QueueItem(
        item.id(),
        item.why(),
        item.cancelled(),
        item.executable() == null ? null : item.executable().number());
  }

  /** {@code job/a/job/b} for {@code a/b}, each name URL-encoded. */
  static String jobPath(String job) {
    StringBuilder path = new StringBuilder();
    for (String segment : Objects.requireNonNull(job, "job").split("/")) {
      if (path.length() > 0) {
        path.append('/');
      }
      path.append("job/")
          .append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return path.toString();
  }

  private <T> Response<T> post(Function<Map<String, String>, Call<T>> request) {
    if (!useCrumb) {
      return calls.execute(request.apply(Map.of()));
    }
    try {
      return calls.execute(request.apply(crumbHeader(false)));
    } catch (NonRetryableException e) {
      if (e.status().orElse(0) != 403) {
        throw e;
      }
      // The crumb belongs to a session that may have expired; one fresh crumb, no more.
      LOG.info("ci jenkins crumb refused, fetching a new one");
      return calls.execute(request.apply(crumbHeader(true)));
    }
  }

  private Map<String, String> crumbHeader(boolean refresh) {
    synchronized (crumbLock) {
      if (crumb == null || refresh) {
        crumb = calls.body(api.crumb());
      }
      Map<String, String> header = new HashMap<>();
      header.put(crumb.crumbRequestField(), crumb.crumb());
      return header;
    }
  }

  private static Build toBuild(String job, JenkinsApi.BuildJson b) {
    String revision = null;
    Map<String, String> parameters = new java.util.LinkedHashMap<>();
    if (b.actions() != null) {
      for (JenkinsApi.ActionJson action : b.actions()) {
        if (action == null) {
          continue;
        }
        if (revision == null
            && action.lastBuiltRevision() != null
            && action.lastBuiltRevision().sha1() != null) {
          revision = action.lastBuiltRevision().sha1();
        }
        if (action.parameters() != null) {
          action.parameters().stream()
              .filter(p -> p != null && p.name() != null && p.value() != null)
              .forEach(p -> parameters.put(p.name(), p.value()));
        }
      }
    }
    return new Build(
        job,
        b.number(),
        b.url(),
        b.building(),
        b.result(),
        Instant.ofEpochMilli(b.timestamp()),
        Duration.ofMillis(b.duration()),
        revision,
        parameters);
  }

  /** The title of Jenkins' HTML error page, or the text itself. */
  static String message(String body) {
    if (body == null) {
      return "";
    }
    Matcher title = HTML_TITLE.matcher(body);
    String text = title.find() ? title.group(1) : body;
    return ErrorBodies.summary(text.replaceAll("<[^>]+>", " "));
  }

  private <T> T call(String operation, String context, Supplier<T> body) {
    return resilience.call(operation, context, body);
  }

  /** Keeps the session cookie the crumb is bound to; one session per client. */
  private static final class SessionCookies implements CookieJar {
    private final Map<String, Cookie> cookies = new HashMap<>();

    @Override
    public synchronized void saveFromResponse(HttpUrl url, List<Cookie> received) {
      received.forEach(c -> cookies.put(c.name(), c));
    }

    @Override
    public synchronized List<Cookie> loadForRequest(HttpUrl url) {
      List<Cookie> matching = new ArrayList<>();
      cookies.values().stream().filter(c -> c.matches(url)).forEach(matching::add);
      return matching;
    }
  }

  /** Settings of a {@link JenkinsClient}. */
  public static final class Builder extends ClientBuilder<Builder> {
    private final String baseUrl;
    private final JenkinsAuth auth;

    private Builder(String baseUrl, JenkinsAuth auth) {
      super(SYSTEM);
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      this.auth = Objects.requireNonNull(auth, "auth");
    }

    public JenkinsClient build() {
      return new JenkinsClient(this);
    }
  }
}
