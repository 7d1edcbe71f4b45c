package io.rollgate.engine.internal.query;

/**
 * A search request that cannot be run as sent: an unknown property, field, operator or sort field,
 * a value of the wrong type, or an invalid page. The message names the offending path (e.g. {@code
 * filter.processInstanceKey.$eq}) and, where it helps, the valid alternatives, so it can be used
 * unchanged as the {@code detail} of an HTTP 400 problem response.
 *
 * <p>Custom filter parsers registered with {@link EntitySchema.Builder#custom} may throw it too;
 * their message is then prefixed with the path of the field.
 */
public class QueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_VALUE_TEXT = 80;

  /** Creates an exception whose message is the problem detail shown to the client. */
  public QueryException(String message) {
    super(message);
  }

  /** The JSON text of a value for a message, shortened so a huge value cannot flood the reply. */
  static String show(Object jsonValue) {
    String text = String.valueOf(jsonValue);
    return text.length() <= MAX_VALUE_TEXT ? text : text.substring(0, MAX_VALUE_TEXT) + "...";
  }
}
