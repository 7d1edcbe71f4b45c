package io.rollgate.workers.job;

import io.camunda.client.annotation.AnnotationUtil;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.annotation.customizer.JobWorkerValueCustomizer;
import io.camunda.client.annotation.value.JobWorkerValue;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.bean.ParameterInfo;
import io.camunda.client.jobhandling.parameter.ParameterResolver;
import io.camunda.client.jobhandling.parameter.ParameterResolverStrategy;
import java.util.Objects;

/**
 * Job variables bound to a {@link VariablesAsType @VariablesAsType} record parameter with {@link
 * Bindings}' rules: every component is a required variable of the same name, and a missing, blank
 * or ill-typed one is an {@link InvalidVariableException} naming it, which {@link ErrorPolicy}
 * turns into an incident. Other parameters are left to the starter's strategy.
 *
 * <p>The starter resolves parameters before its error handling begins, so a binding that failed
 * there would reach the client's generic handler instead: a retry with a stack trace as message.
 * The record is therefore bound as the method is invoked: the resolver hands over the job's
 * variables, and {@link #customize} wraps each such method in a {@link BindingMethod} that binds
 * them first.
 */
public final class RecordVariables implements ParameterResolverStrategy, JobWorkerValueCustomizer {

  private final ParameterResolverStrategy others;

  /**
   * @param others the strategy for every parameter that is not a {@code @VariablesAsType} record
   */
  public RecordVariables(ParameterResolverStrategy others) {
    this.others = Objects.requireNonNull(others, "others");
  }

  @Override
  public ParameterResolver createResolver(ParameterInfo parameter) {
    if (!isRecord(parameter)) {
      return others.createResolver(parameter);
    }
    @SuppressWarnings("unchecked")
    Class<? extends Record> type = (Class<? extends Record>) parameter.getParameter().getType();
    return (client, job) -> new Unbound(job, type);
  }

  @Override
  public void customize(JobWorkerValue worker) {
    boolean bindsRecords = worker.getMethodInfo().getParameters().stream().anyMatch(this::isRecord);
    if (bindsRecords && !(worker.getMethodInfo() instanceof BindingMethod)) {
      worker.setMethodInfo(new BindingMethod(worker.getMethodInfo()));
    }
  }

  private boolean isRecord(ParameterInfo parameter) {
    return AnnotationUtil.isVariablesAsType(parameter)
        && parameter.getParameter().getType().isRecord();
  }

  /** A record parameter still to bind: the job whose variables it takes, and the record type. */
  record Unbound(ActivatedJob job, Class<? extends Record> type) {

    Record bind() {
      return Bindings.bind(job.getVariablesAsMap(), type);
    }
  }
}
