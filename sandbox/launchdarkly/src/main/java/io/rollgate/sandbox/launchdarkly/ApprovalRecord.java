package io.rollgate.sandbox.launchdarkly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.rollgate.sandbox.SimJson;
import java.util.List;

/** One approval request for a flag change in one environment. Guarded by the state's lock. */
final class ApprovalRecord {

  final String id;
  final String projectKey;
  final String flagKey;
  final String environmentKey;
  final String description;
  final JsonNode instructions;
  final List<String> notifyMemberIds;
  final long creationDate;
  final ArrayNode reviews = SimJson.MAPPER.createArrayNode();
  String reviewStatus = "pending";
  String status = "pending";
  Long appliedDate;
  int version = 1;

  ApprovalRecord(
      String id,
      String projectKey,
      String flagKey,
      String environmentKey,
      String description,
      JsonNode instructions,
      List<String> notifyMemberIds,
      long creationDate) {
    this.id = id;
    this.projectKey = projectKey;
    this.flagKey = flagKey;
    this.environmentKey = environmentKey;
    this.description = description;
    this.instructions = instructions;
    this.notifyMemberIds = List.copyOf(notifyMemberIds);
    this.creationDate = creationDate;
  }
}
