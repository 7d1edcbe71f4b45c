package io.rollgate.connector.servicenow.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to open. The correlation id (Rollgate's release id) makes creation idempotent: the client
 * first looks for a change carrying it.
 *
 * @param templateId sys_id of the standard change template; only for {@link ChangeType#STANDARD}
 * @param fields further fields by API name, for example {@code cmdb_ci}, {@code start_date} ({@code
 *     yyyy-MM-dd HH:mm:ss}, UTC), {@code implementation_plan}
 */
public record NewChange(
    ChangeType type,
    String templateId,
    String correlationId,
    String shortDescription,
    Map<String, String> fields) {

  public NewChange {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(shortDescription, "shortDescription");
    if (correlationId == null || correlationId.isBlank()) {
      throw new IllegalArgumentException("a correlation id is required to create a change");
    }
    if ((type == ChangeType.STANDARD) != (templateId != null)) {
      throw new IllegalArgumentException("a template id is required for, and only for, standard");
    }
    fields = Map.copyOf(fields);
  }

  public static NewChange normal(String correlationId, String shortDescription) {
    return new NewChange(ChangeType.NORMAL, null, correlationId, shortDescription, Map.of());
  }

  public static NewChange emergency(String correlationId, String shortDescription) {
    return new NewChange(ChangeType.EMERGENCY, null, correlationId, shortDescription, Map.of());
  }

  public static NewChange standard(
      String templateId, String correlationId, String shortDescription) {
    Objects.requireNonNull(templateId, "templateId");
    return new NewChange(
        ChangeType.STANDARD, templateId, correlationId, shortDescription, Map.of());
  }

  /** This change with one more field. */
  public NewChange with(String field, String value) {
    Map<String, String> more = new LinkedHashMap<>(fields);
    more.put(field, value);
    return new NewChange(type, templateId, correlationId, shortDescription, more);
  }
}
