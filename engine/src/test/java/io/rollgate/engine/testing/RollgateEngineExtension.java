package io.rollgate.engine.testing;

import io.camunda.client.CamundaClient;
import io.rollgate.engine.RollgateEngine;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link RollgateEngineTest}: one {@link TestEngine} per test class (shared
 * with its {@code @Nested} classes), closed by JUnit when the class is done.
 */
final class RollgateEngineExtension
    implements BeforeAllCallback,
        TestInstancePostProcessor,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(RollgateEngineExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    TestEngine engine = engine(context);
    injectFields(context.getRequiredTestClass(), null, engine);
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context)
      throws Exception {
    injectFields(testInstance.getClass(), testInstance, engine(context));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (settings(context).purgeBetweenTests()) {
      engine(context).purge();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (settings(context).resetClockBetweenTests()) {
      engine(context).resetClock();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return value(parameter.getParameter().getType(), engine(context)).isPresent();
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return value(parameter.getParameter().getType(), engine(context)).orElseThrow();
  }

  private static Optional<Object> value(Class<?> type, TestEngine engine) {
    if (type == TestEngine.class) {
      return Optional.of(engine);
    } else if (type == CamundaClient.class) {
      return Optional.of(engine.client());
    } else if (type == RollgateEngine.class) {
      return Optional.of(engine.engine());
    } else if (type == URI.class) {
      return Optional.of(engine.restAddress());
    }
    return Optional.empty();
  }

  private static void injectFields(Class<?> type, Object instance, TestEngine engine)
      throws IllegalAccessException {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        boolean isStatic = Modifier.isStatic(field.getModifiers());
        if (Modifier.isFinal(field.getModifiers()) || isStatic != (instance == null)) {
          continue;
        }
        Optional<Object> value = value(field.getType(), engine);
        if (value.isPresent()) {
          field.setAccessible(true);
          field.set(instance, value.get());
        }
      }
    }
  }

  private static RollgateEngineTest settings(ExtensionContext context) {
    return AnnotationSupport.findAnnotation(
            context.getRequiredTestClass(), RollgateEngineTest.class)
        .orElseThrow(() -> new IllegalStateException("not a @RollgateEngineTest"));
  }

  /** The engine of the outermost annotated class around this context, started on first use. */
  private static TestEngine engine(ExtensionContext context) {
    ExtensionContext owner = null;
    for (Optional<ExtensionContext> c = Optional.of(context);
        c.isPresent();
        c = c.get().getParent()) {
      if (c.get().getTestMethod().isEmpty()
          && c.get().getTestClass().filter(RollgateEngineExtension::annotated).isPresent()) {
        owner = c.get();
      }
    }
    if (owner == null) {
      throw new IllegalStateException("not within a @RollgateEngineTest class");
    }
    RollgateEngineTest settings = settings(owner);
    Function<Class<?>, Resource> start = key -> new Resource(newEngine(settings));
    return owner
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(TestEngine.class, start, Resource.class)
        .engine();
  }

  private static boolean annotated(Class<?> type) {
    return AnnotationSupport.isAnnotated(type, RollgateEngineTest.class);
  }

  private static TestEngine newEngine(RollgateEngineTest settings) {
    Class<? extends RollgateEngineTest.Settings> type = settings.settings();
    try {
      RollgateEngineTest.Settings custom;
      if (type.isInterface()) {
        custom = new RollgateEngineTest.Settings() {};
      } else {
        var constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        custom = constructor.newInstance();
      }
      return new TestEngine(custom::apply);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + type, e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Lets JUnit close the engine when the owning class context ends. */
  private record Resource(TestEngine engine) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      engine.close();
    }
  }
}
