package io.rollgate.connector.servicenow.model;

/**
 * Which active incidents to read: those of a CI and/or a service at or above a priority.
 *
 * @param cmdbCi sys_id of the configuration item, or {@code null}
 * @param businessService sys_id of the business service, or {@code null}
 * @param maxPriority highest priority number to include, 1..5 (2 means P1 and P2)
 * @param pageSize records per request ({@code sysparm_limit}), at least 1
 */
public record IncidentQuery(String cmdbCi, String businessService, int maxPriority, int pageSize) {

  public IncidentQuery {
    if (cmdbCi == null && businessService == null) {
      throw new IllegalArgumentException("name a configuration item or a business service");
    }
    if (maxPriority < 1 || maxPriority > 5) {
      throw new IllegalArgumentException("maxPriority must be 1..5");
    }
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1");
    }
  }

  public static IncidentQuery forCi(String cmdbCi, int maxPriority) {
    return new IncidentQuery(cmdbCi, null, maxPriority, 100);
  }

  public static IncidentQuery forService(String businessService, int maxPriority) {
    return new IncidentQuery(null, businessService, maxPriority, 100);
  }

  public IncidentQuery withPageSize(int size) {
    return new IncidentQuery(cmdbCi, businessService, maxPriority, size);
  }
}
