package io.rollgate.engine.testing;

import io.rollgate.engine.RollgateEngine;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one embedded engine for the annotated test class on a fresh temporary data directory,
 * connects the real Camunda Java client to it over REST (job streaming off) and closes both after
 * the last test.
 *
 * <p>Tests get the engine by parameter ({@link TestEngine}, {@link
 * io.camunda.client.CamundaClient}, {@link RollgateEngine}, {@link java.net.URI} for the REST
 * address) or by field: a non-final field of one of these types, static or not, is filled in before
 * it is needed. The engine keeps its state from test to test unless {@link #purgeBetweenTests()} or
 * {@link #resetClockBetweenTests()} asks otherwise.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RollgateEngineExtension.class)
public @interface RollgateEngineTest {

  /** Forget every deployment and instance before each test, as Camunda Process Test does. */
  boolean purgeBetweenTests() default false;

  /** Put the engine clock back on the wall clock after each test. */
  boolean resetClockBetweenTests() default false;

  /** Engine settings beyond the data directory; kept across {@link TestEngine#restart()}. */
  Class<? extends Settings> settings() default Settings.class;

  /**
   * Settings for the engine under test; an implementation needs a constructor without arguments.
   */
  interface Settings {
    default RollgateEngine.Builder apply(RollgateEngine.Builder builder) {
      return builder;
    }
  }
}
