package io.rollgate.engine.internal.state;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A published message, kept while its time to live lasts so later subscriptions can take it. */
public final class Message {
  public long key;
  public String name;
  public String correlationKey;
  public String messageId;
  public String tenantId;
  public Map<String, Object> variables;
  public long publishedAt;

  /** Epoch milliseconds after which the message is gone. */
  public long expiresAt;

  /** Process instances it was correlated to: a message reaches each instance at most once. */
  @JsonDeserialize(as = LinkedHashSet.class)
  public Set<Long> correlatedInstances = new LinkedHashSet<>();

  public boolean isAliveAt(long now) {
    return expiresAt > now;
  }
}
