package io.rollgate.app.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a production deployment of the service talks to: a cluster (the engine in another process),
 * the outside systems, and PostgreSQL; and the properties an operator sets to point at them.
 */
public final class ProductionSystems implements AutoCloseable {

  /** The admin token the operator configures with {@code ROLLGATE_BOOTSTRAP_TOKEN}. */
  public static final String BOOTSTRAP = "rg_production-test-bootstrap-token-0123456789";

  private final EngineProcess cluster;
  private final OutsideWorld world;

  private ProductionSystems(EngineProcess cluster, OutsideWorld world) {
    this.cluster = cluster;
    this.world = world;
  }

  public static ProductionSystems start() throws Exception {
    return new ProductionSystems(EngineProcess.start(), OutsideWorld.start());
  }

  public OutsideWorld world() {
    return world;
  }

  /** The production profile's properties for a service keeping its records in {@code schema}. */
  public Map<String, String> properties(PostgresSchema schema) {
    Map<String, String> p = new LinkedHashMap<>(world.properties());
    p.putAll(schema.springProperties());
    p.put("camunda.client.rest-address", cluster.restAddress().toString());
    p.put("camunda.client.grpc-address", "http://127.0.0.1:1");
    p.put("rollgate.bootstrap.token", BOOTSTRAP);
    p.put("server.address", "127.0.0.1");
    return p;
  }

  @Override
  public void close() throws Exception {
    world.close();
    cluster.close();
  }
}
