package io.rollgate.workers.job;

import io.camunda.client.bean.BeanInfo;
import io.camunda.client.bean.MethodInfo;
import io.camunda.client.bean.ParameterInfo;
import io.rollgate.processes.Lifecycle;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job worker method whose {@link RecordVariables.Unbound} arguments are bound when it is invoked,
 * so that a binding failure is thrown where the starter hands exceptions to {@link ErrorPolicy}.
 * Invokes the method itself, as workers are package-private to their feature.
 */
final class BindingMethod implements MethodInfo {

  private final MethodInfo method;

  BindingMethod(MethodInfo method) {
    this.method = method;
    method.getMethod().setAccessible(true);
  }

  @Override
  public Object invoke(Object... args) throws Exception {
    Object[] bound = args.clone();
    Map<String, Object> variables = Map.of();
    for (int i = 0; i < bound.length; i++) {
      if (bound[i] instanceof RecordVariables.Unbound unbound) {
        variables = unbound.job().getVariablesAsMap();
        bound[i] = unbound.bind();
      }
    }
    try (ReleaseMdc mdc =
        ReleaseMdc.of(
            text(variables.get(Lifecycle.Variables.RELEASE_ID)),
            text(variables.get(Lifecycle.Variables.CHANGE_NUMBER)))) {
      return method.getMethod().invoke(method.getBeanInfo().getBeanSupplier().get(), bound);
    } catch (InvocationTargetException e) {
      if (e.getTargetException() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static String text(Object value) {
    return value instanceof String text ? text : null;
  }

  @Override
  public BeanInfo getBeanInfo() {
    return method.getBeanInfo();
  }

  @Override
  public Method getMethod() {
    return method.getMethod();
  }

  @Override
  public List<ParameterInfo> getParameters() {
    return method.getParameters();
  }

  @Override
  public <T extends Annotation> Optional<T> getAnnotation(Class<T> type) {
    return method.getAnnotation(type);
  }

  @Override
  public List<ParameterInfo> getParametersFilteredByAnnotation(Class<? extends Annotation> type) {
    return method.getParametersFilteredByAnnotation(type);
  }

  @Override
  public String toString() {
    return method.toString();
  }
}
