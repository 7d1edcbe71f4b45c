package io.rollgate.engine.internal.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.rollgate.engine.internal.model.ProcessModel;
import java.util.LinkedHashMap;
import java.util.Map;

/** A deployed version of a process. */
public final class ProcessDefinition {
  public long key;
  public long deploymentKey;
  public String processId;
  public String name;
  public int version;
  public String versionTag;
  public String resourceName;
  public String tenantId;

  /** The whole BPMN resource the process was deployed with. */
  public String xml;

  /**
   * The processes of the deployment that created this version, by process id: the versions a call
   * activity with the {@code deployment} binding starts (a resource deployed again unchanged counts
   * with the version it already had).
   */
  public Map<String, Long> deployedWith = new LinkedHashMap<>();

  /** The decisions of the deployment that created this version, by decision id. */
  public Map<String, Long> deployedDecisions = new LinkedHashMap<>();

  /** The forms of the deployment that created this version, by form id. */
  public Map<String, Long> deployedForms = new LinkedHashMap<>();

  /** SHA-256 of the resource, to recognise a re-deployment of the same resource. */
  public String checksum;

  @JsonIgnore public ProcessModel model;

  /** Whether this is the newest version of its process id; maintained by {@link EngineState}. */
  @JsonIgnore public boolean latest;
}
