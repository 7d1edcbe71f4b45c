package io.rollgate.app.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error the API answers is an RFC 9457 problem ({@code application/problem+json}), made here
 * and only here: an {@link ApiProblem} a feature throws carries its status, title and fields;
 * Spring MVC's own failures are mapped below. Runs after every other advice.
 *
 * <p>Validation failures are 422 with {@code errors: [{field, message}]}, one per rejected field;
 * an unreadable body is 400; a path or query parameter of the wrong type is 400 naming it.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemAdvice.class);

  /** The body types the API documents; endpoints offer some of them. */
  private static final List<MediaType> DOCUMENTED_TYPES =
      List.of(
          MediaType.APPLICATION_JSON,
          MediaType.APPLICATION_PROBLEM_JSON,
          MediaType.TEXT_EVENT_STREAM,
          MediaType.TEXT_HTML);

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    if (causedBy(e, BodyTooLargeException.class) instanceof BodyTooLargeException tooLarge) {
      return tooLarge(tooLarge);
    }
    return answer(problem(HttpStatus.BAD_REQUEST, "Malformed request body", unreadable(e)));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> errors = new ArrayList<>();
    for (FieldError field : e.getBindingResult().getFieldErrors()) {
      errors.add(new FieldProblem(field.getField(), field.getDefaultMessage()));
    }
    for (ObjectError global : e.getBindingResult().getGlobalErrors()) {
      errors.add(new FieldProblem(global.getObjectName(), global.getDefaultMessage()));
    }
    return answer(invalid(errors));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> errors = new ArrayList<>();
    e.getParameterValidationResults()
        .forEach(
            result -> {
              String parameter = result.getMethodParameter().getParameterName();
              for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field =
                    error instanceof FieldError f ? parameter + "." + f.getField() : parameter;
                errors.add(new FieldProblem(field, error.getDefaultMessage()));
              }
            });
    e.getCrossParameterValidationResults()
        .forEach(error -> errors.add(new FieldProblem("", error.getDefaultMessage())));
    return answer(invalid(errors));
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<Object> constraintViolation(ConstraintViolationException e) {
    List<FieldProblem> errors =
        e.getConstraintViolations().stream()
            .map(v -> new FieldProblem(field(v), v.getMessage()))
            .sorted(Comparator.comparing(FieldProblem::field))
            .toList();
    return answer(invalid(errors));
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name =
        e instanceof MethodArgumentTypeMismatchException argument
            ? argument.getName()
            : e.getPropertyName();
    String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
    ProblemDetail problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "Invalid parameter",
            "parameter '" + name + "' must be a valid " + type + ", not '" + e.getValue() + "'");
    problem.setProperty("errors", List.of(new FieldProblem(name, "must be a valid " + type)));
    return answer(problem);
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return notFound(request);
  }

  @Override
  protected ResponseEntity<Object> handleNoHandlerFoundException(
      NoHandlerFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return notFound(request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
      HttpRequestMethodNotSupportedException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    Set<HttpMethod> allowed = e.getSupportedHttpMethods();
    String detail = e.getMethod() + " is not supported at " + path(request);
    if (allowed != null && !allowed.isEmpty()) {
      detail += "; use " + oneOf(allowed.stream().map(HttpMethod::name).sorted().toList());
    }
    return refusedBySpring(e, detail, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
      HttpMediaTypeNotSupportedException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String sent =
        e.getContentType() == null
            ? "no Content-Type"
            : "Content-Type '" + e.getContentType() + "'";
    String detail = path(request) + " does not take a body with " + sent;
    HttpHeaders answer = new HttpHeaders();
    answer.addAll(headers);
    if (!e.getSupportedMediaTypes().isEmpty()) {
      List<MediaType> documented = documented(e.getSupportedMediaTypes());
      detail += "; send " + oneOf(documented);
      answer.setAccept(documented);
    }
    return refusedBySpring(e, detail, answer, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
      HttpMediaTypeNotAcceptableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    String detail = path(request) + " answers none of the types in 'Accept: " + accept + "'";
    if (!e.getSupportedMediaTypes().isEmpty()) {
      detail += "; accept " + oneOf(documented(e.getSupportedMediaTypes()));
    }
    return refusedBySpring(e, detail, headers, status, request);
  }

  /**
   * Spring MVC's own refusals (405, 406, 415, a missing parameter, ...) are problems with the title
   * Spring gives them, sent as {@code application/problem+json} whatever the request accepts, like
   * every other problem.
   */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    HttpHeaders answer = new HttpHeaders();
    answer.addAll(headers);
    if (body instanceof ProblemDetail) {
      answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
    return new ResponseEntity<>(body, answer, status);
  }

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<Object> refused(ApiProblem e) {
    return answer(problem(e));
  }

  @ExceptionHandler(BodyTooLargeException.class)
  ResponseEntity<Object> tooLarge(BodyTooLargeException e) {
    return answer(RequestBodyLimit.tooLarge(e.limit()));
  }

  /** Spring Security answers these itself, as problems too. */
  @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
  void security(RuntimeException e) {
    throw e;
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
    LOG.error("request failed unexpectedly request=\"{}\"", describe(request), e);
    return answer(internalError());
  }

  private ResponseEntity<Object> notFound(WebRequest request) {
    return answer(noEndpoint(describe(request)));
  }

  /** 404 for a call that no endpoint serves, such as {@code GET /api/v1/no-such-thing}. */
  static ProblemDetail noEndpoint(String call) {
    return problem(HttpStatus.NOT_FOUND, "Not found", "no endpoint at " + call);
  }

  /** What the service answers for a failure it did not foresee; the log has the rest. */
  static ProblemDetail internalError() {
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Internal error",
        "the request failed unexpectedly; the service log has the details");
  }

  /** Spring's problem for {@code e}, with a detail that says what to change. */
  private ResponseEntity<Object> refusedBySpring(
      ErrorResponse e,
      String detail,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem = e.getBody();
    problem.setDetail(detail);
    return handleExceptionInternal((Exception) e, problem, headers, status, request);
  }

  /**
   * The types a caller may use, as the API documents them: not every type a message converter could
   * read or write (plain text, XML, ...), and no wildcards, unless the endpoint offers nothing
   * else.
   */
  private static List<MediaType> documented(List<MediaType> types) {
    List<MediaType> concrete = types.stream().filter(MediaType::isConcrete).toList();
    List<MediaType> documented =
        concrete.stream()
            .filter(type -> DOCUMENTED_TYPES.stream().anyMatch(type::equalsTypeAndSubtype))
            .toList();
    List<MediaType> named =
        !documented.isEmpty() ? documented : concrete.isEmpty() ? types : concrete;
    return named.stream().distinct().toList();
  }

  /** {@code a}, {@code a or b}, {@code a, b or c}. */
  private static String oneOf(Collection<?> items) {
    List<String> names = items.stream().map(String::valueOf).toList();
    return names.size() < 2
        ? String.join("", names)
        : String.join(", ", names.subList(0, names.size() - 1))
            + " or "
            + names.get(names.size() - 1);
  }

  private static String path(WebRequest request) {
    return request instanceof ServletWebRequest servlet
        ? servlet.getRequest().getRequestURI()
        : request.getDescription(false);
  }

  private static ProblemDetail invalid(List<FieldProblem> errors) {
    return problem(new InvalidRequest(errors));
  }

  /** Spring MVC's validation failures, as a feature's own invalid request would be answered. */
  private static final class InvalidRequest extends ApiProblem {
    InvalidRequest(List<FieldProblem> errors) {
      super(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid request", errors);
    }
  }

  private static String unreadable(HttpMessageNotReadableException e) {
    if (causedBy(e, JsonMappingException.class) instanceof JsonMappingException mapping
        && !mapping.getPath().isEmpty()) {
      return "'"
          + path(mapping)
          + "' has a value of the wrong kind"
          + (mapping.getLocation() == null
              ? ""
              : " (line "
                  + mapping.getLocation().getLineNr()
                  + ", column "
                  + mapping.getLocation().getColumnNr()
                  + ")");
    }
    if (causedBy(e, JsonProcessingException.class) instanceof JsonProcessingException json) {
      return "the body is not valid JSON"
          + (json.getLocation() == null
              ? ""
              : " (line "
                  + json.getLocation().getLineNr()
                  + ", column "
                  + json.getLocation().getColumnNr()
                  + ")");
    }
    return "the request needs a JSON body";
  }

  private static String path(JsonMappingException mapping) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference step : mapping.getPath()) {
      if (step.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        path.append('[').append(step.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** A violation's property path without the method it was a parameter of. */
  private static String field(ConstraintViolation<?> violation) {
    List<String> names = new ArrayList<>();
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() != ElementKind.METHOD && node.getKind() != ElementKind.CONSTRUCTOR) {
        names.add(node.getName());
      }
    }
    return String.join(".", names);
  }

  private static Throwable causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }

  private static String describe(WebRequest request) {
    return request instanceof ServletWebRequest servlet
        ? servlet.getHttpMethod() + " " + servlet.getRequest().getRequestURI()
        : request.getDescription(false);
  }

  private static ProblemDetail problem(ApiProblem e) {
    ProblemDetail problem = problem(e.status(), e.title(), e.getMessage());
    if (!e.errors().isEmpty()) {
      problem.setProperty("errors", e.errors());
    }
    return problem;
  }

  /** A problem with a status, a title and a detail: the one way a problem is made. */
  public static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }

  /** A problem with a status, a title and a detail, as an answer. */
  public static ResponseEntity<Object> answer(HttpStatusCode status, String title, String detail) {
    return answer(problem(status, title, detail));
  }

  /** {@code problem} as an {@code application/problem+json} answer with its status. */
  public static ResponseEntity<Object> answer(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
