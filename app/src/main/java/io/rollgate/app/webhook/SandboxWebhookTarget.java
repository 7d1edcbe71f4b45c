package io.rollgate.app.webhook;

import io.rollgate.sandbox.launcher.Sandbox;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * With the sandbox on, points the in-process ServiceNow simulator's approval webhook at this
 * service once its port is known, signed with the shared secret, so a CAB decision in the simulator
 * reaches the waiting release as it would from a real instance.
 */
@Component
@ConditionalOnProperty(name = "rollgate.sandbox.enabled", havingValue = "true")
class SandboxWebhookTarget implements ApplicationListener<WebServerInitializedEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxWebhookTarget.class);

  private final Sandbox sandbox;
  private final WebhookSecret secret;

  SandboxWebhookTarget(Sandbox sandbox, WebhookSecret secret) {
    this.sandbox = sandbox;
    this.secret = secret;
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    if (event.getApplicationContext().getServerNamespace() != null) {
      return; // a separate management server, not the API's
    }
    URI target =
        URI.create("http://127.0.0.1:" + event.getWebServer().getPort() + CabDecisionWebhook.PATH);
    sandbox.servicenow().sendWebhooksTo(target, secret.value().value());
    LOG.info("sandbox servicenow webhook target={} signed=true", target);
  }
}
