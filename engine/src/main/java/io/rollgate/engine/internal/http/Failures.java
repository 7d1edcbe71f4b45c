package io.rollgate.engine.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.rollgate.engine.internal.processor.EngineException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The problem response of a failed request: the HTTP status of a rejection's kind ({@link
 * ProblemStatus}), a bad request body in words that say which property to change, a timeout, or an
 * internal error.
 */
final class Failures {
  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  private Failures() {}

  static Response of(Throwable failure, String method, String path) {
    Throwable e =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (e instanceof HttpError h) {
      return Response.problem(h.status, h.title, h.getMessage(), path);
    }
    if (e instanceof EngineException engine) {
      return Response.problem(
          ProblemStatus.of(engine.kind()), engine.kind().name(), engine.getMessage(), path);
    }
    if (e instanceof JsonProcessingException json) {
      return Response.problem(400, "INVALID_ARGUMENT", describe(json), path);
    }
    if (e instanceof TimeoutException) {
      return Response.problem(504, "DEADLINE_EXCEEDED", "The engine did not answer in time.", path);
    }
    LOG.error("request {} {} failed", method, path, e);
    return Response.problem(
        500, "INTERNAL_ERROR", "The engine failed to serve the request: " + e, path);
  }

  /** Jackson's complaint in words that say which property to change. */
  static String describe(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      String known =
          unknown.getKnownPropertyIds().stream()
              .map(String::valueOf)
              .sorted()
              .collect(Collectors.joining(", "));
      return "Unknown property '"
          + unknown.getPropertyName()
          + "' in the request body; expected one of: "
          + known
          + ".";
    }
    if (e instanceof InvalidFormatException invalid) {
      return "Property '"
          + path(invalid)
          + "' has an invalid value '"
          + invalid.getValue()
          + "'; expected "
          + invalid.getTargetType().getSimpleName()
          + ".";
    }
    if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      return "Property '"
          + path(mismatch)
          + "' has the wrong type; expected "
          + (mismatch.getTargetType() == null
              ? "another type"
              : describeType(mismatch.getTargetType()))
          + ".";
    }
    return "The request body is not valid JSON: " + e.getOriginalMessage();
  }

  private static String describeType(Class<?> type) {
    if (Map.class.isAssignableFrom(type)) {
      return "a JSON object";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a JSON array";
    }
    return type.getSimpleName();
  }

  private static String path(MismatchedInputException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
