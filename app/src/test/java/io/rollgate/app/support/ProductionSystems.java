package io.rollgate.app.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a production deployment of the service talks to: a cluster (the engine in another process),
 * the outside systems, and PostgreSQL; and the properties an operator sets to point at them.
 */
public final class ProductionSystems implements BeforeAllCallback, AfterAllCallback {

  /** The admin token the operator configures with {@code ROLLGATE_BOOTSTRAP_TOKEN}. */
  public static final String BOOTSTRAP = "rg_production-test-bootstrap-token-0123456789";

  private EngineProcess cluster;
  private OutsideWorld world;

  /** Started for the test class: {@code @RegisterExtension static final ProductionSystems ...}. */
  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    cluster = EngineProcess.start();
    world = OutsideWorld.start();
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
  public void afterAll(ExtensionContext context) throws Exception {
    world.close();
    cluster.close();
  }
}
