package io.rollgate.app.support;

import io.rollgate.app.RollgateApplication;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** One Rollgate service instance in the test's JVM, configured by properties alone. */
public final class RollgateInstance implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private RollgateInstance(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * @param profile the Spring profile, or null for the default
   */
  public static RollgateInstance start(String profile, Map<String, String> properties) {
    List<String> args = new ArrayList<>();
    args.add("--server.port=0");
    properties.forEach((k, v) -> args.add("--" + k + "=" + v));
    SpringApplicationBuilder builder = new SpringApplicationBuilder(RollgateApplication.class);
    if (profile != null) {
      builder.profiles(profile);
    }
    return new RollgateInstance(builder.run(args.toArray(String[]::new)));
  }

  public URI baseUri() {
    return URI.create(
        "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
  }

  public GateApi api(String token) {
    return new GateApi(baseUri(), token);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
