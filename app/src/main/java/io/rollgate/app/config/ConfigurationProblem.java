package io.rollgate.app.config;

/**
 * A required configuration property is missing or unusable. The service does not start; the failure
 * report names the property and the environment variable that sets it.
 */
public final class ConfigurationProblem extends RuntimeException {

  private final String property;

  /**
   * @param property the property in its canonical form, for example {@code rollgate.servicenow.url}
   * @param problem what is wrong, completing "rollgate.x ...", for example {@code "must be set"}
   */
  public ConfigurationProblem(String property, String problem) {
    super(
        property + " " + problem + " (environment variable " + environmentVariable(property) + ")");
    this.property = property;
  }

  public String property() {
    return property;
  }

  /** The variable Spring's relaxed binding reads for {@code property}. */
  static String environmentVariable(String property) {
    return property.replace('.', '_').replace("-", "").toUpperCase(java.util.Locale.ROOT);
  }

  /** Fails unless {@code value} is present and, for text, not blank. */
  public static <T> T require(T value, String property) {
    if (value == null || (value instanceof CharSequence text && text.toString().isBlank())) {
      throw new ConfigurationProblem(property, "must be set");
    }
    return value;
  }
}
