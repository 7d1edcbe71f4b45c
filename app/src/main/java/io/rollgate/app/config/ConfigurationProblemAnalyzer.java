package io.rollgate.app.config;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports a configuration mistake in one line naming the property: a {@link ConfigurationProblem},
 * a value that cannot be converted ({@code rollgate.gates.deploy-timeout=ten}), or one the
 * validation refuses.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConfigurationProblemAnalyzer implements FailureAnalyzer {

  private static final String ACTION =
      "Set the property in application.yaml or its environment variable, then start again.";

  @Override
  public FailureAnalysis analyze(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConfigurationProblem problem) {
        return new FailureAnalysis("Invalid configuration: " + problem.getMessage(), ACTION, t);
      }
      if (t instanceof BindValidationException invalid) {
        return new FailureAnalysis("Invalid configuration: " + describe(invalid), ACTION, t);
      }
      // a validation failure is a BindException without a property, around the validation errors
      if (t instanceof BindException bind && bind.getProperty() != null) {
        Throwable cause = bind.getCause();
        return new FailureAnalysis(
            "Invalid configuration: "
                + bind.getProperty().getName()
                + " = '"
                + bind.getProperty().getValue()
                + "' cannot be read as "
                + bind.getTarget().getType()
                + (cause == null ? "" : ": " + rootMessage(cause)),
            ACTION,
            t);
      }
    }
    return null;
  }

  private static String describe(BindValidationException invalid) {
    for (ObjectError error : invalid.getValidationErrors().getAllErrors()) {
      if (error instanceof FieldError field) {
        return invalid.getValidationErrors().getName()
            + "."
            + field.getField()
            + " "
            + field.getDefaultMessage();
      }
      return error.getDefaultMessage();
    }
    return invalid.getMessage();
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
