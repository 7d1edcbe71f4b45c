package io.rollgate.app.release;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.ProcessInstanceSequenceFlow;
import io.rollgate.app.record.ReleaseNotFoundException;
import io.rollgate.app.record.ReleaseRecord;
import io.rollgate.app.record.ReleaseRecords;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/** Reads a release's process diagram and its path from the engine (embedded or a cluster). */
@Component
class ReleaseDiagrams {

  /** More element instances than one release ever has; the engine's page limit. */
  private static final int ELEMENT_LIMIT = 1000;

  private final ReleaseRecords records;
  private final CamundaClient camunda;

  ReleaseDiagrams(ReleaseRecords records, CamundaClient camunda) {
    this.records = records;
    this.camunda = camunda;
  }

  /**
   * @throws ReleaseNotFoundException for an unknown release, or one that never started a process
   * @throws EngineUnavailableException when the engine does not answer
   */
  ReleaseDiagram of(String releaseId) {
    ReleaseRecord release =
        records.find(releaseId).orElseThrow(() -> new ReleaseNotFoundException(releaseId));
    Long instanceKey = release.processInstanceKey();
    if (instanceKey == null) {
      throw new ReleaseNotFoundException(releaseId + " has no process yet");
    }
    try {
      long definitionKey =
          camunda.newProcessInstanceGetRequest(instanceKey).send().join().getProcessDefinitionKey();
      String xml = camunda.newProcessDefinitionGetXmlRequest(definitionKey).send().join();
      List<ElementInstance> elements =
          camunda
              .newElementInstanceSearchRequest()
              .filter(f -> f.processInstanceKey(instanceKey))
              .page(p -> p.limit(ELEMENT_LIMIT))
              .send()
              .join()
              .items()
              .stream()
              .sorted(Comparator.comparing(ElementInstance::getElementInstanceKey))
              .toList();
      List<String> flows =
          camunda.newProcessInstanceSequenceFlowsRequest(instanceKey).send().join().stream()
              .map(ProcessInstanceSequenceFlow::getElementId)
              .distinct()
              .toList();
      return new ReleaseDiagram(
          releaseId,
          xml,
          idsIn(elements, ElementInstanceState.ACTIVE),
          idsIn(elements, ElementInstanceState.COMPLETED),
          flows);
    } catch (ClientException e) {
      throw new EngineUnavailableException("the engine did not show the release's process", e);
    }
  }

  private static List<String> idsIn(List<ElementInstance> elements, ElementInstanceState state) {
    return elements.stream()
        .filter(e -> e.getState() == state)
        .map(ElementInstance::getElementId)
        .distinct()
        .toList();
  }
}
