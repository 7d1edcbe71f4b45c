package io.rollgate.app.release;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.response.ElementInstance;
import io.rollgate.app.record.ReleaseRecord;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The step a running release is at, as the engine shows it: the elements active now in its process
 * and in the processes it called, by name ({@code Bake time}, {@code Wait for the CAB}), not the
 * containers around them.
 */
@Component
class CurrentSteps {

  private static final Logger LOG = LoggerFactory.getLogger(CurrentSteps.class);
  private static final Duration ASK_FOR = Duration.ofSeconds(5);

  /** More element instances than one process instance has active at once. */
  private static final int ELEMENT_LIMIT = 100;

  /** Elements that only hold others: the step is what runs inside them. */
  private static final Set<ElementInstanceType> CONTAINERS =
      Set.of(
          ElementInstanceType.PROCESS,
          ElementInstanceType.SUB_PROCESS,
          ElementInstanceType.EVENT_SUB_PROCESS,
          ElementInstanceType.CALL_ACTIVITY,
          ElementInstanceType.MULTI_INSTANCE_BODY,
          ElementInstanceType.AD_HOC_SUB_PROCESS,
          ElementInstanceType.AD_HOC_SUB_PROCESS_INNER_INSTANCE);

  private final CamundaClient camunda;
  private final ProcessTree tree;

  CurrentSteps(CamundaClient camunda, ProcessTree tree) {
    this.camunda = camunda;
    this.tree = tree;
  }

  /**
   * The running release's current step, several joined by {@code ", "} when it waits in parallel
   * (the readiness checks); empty once it ended, or when the engine cannot be asked now.
   */
  Optional<String> of(ReleaseRecord release) {
    Long instance = release.processInstanceKey();
    if (release.endedAt() != null || instance == null) {
      return Optional.empty();
    }
    try {
      return in(instance);
    } catch (ClientException e) {
      LOG.warn(
          "release_id={} process_instance={} current step unknown: {}",
          release.id(),
          instance,
          e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The active steps of {@code instance} and of the processes it called.
   *
   * @throws ClientException when the engine cannot be asked
   */
  Optional<String> in(long instance) {
    String steps =
        tree.activeFrom(instance).stream()
            .flatMap(key -> active(key).stream())
            .filter(e -> !CONTAINERS.contains(e.getType()))
            .map(CurrentSteps::nameOf)
            .distinct()
            .collect(Collectors.joining(", "));
    return steps.isEmpty() ? Optional.empty() : Optional.of(steps);
  }

  private static String nameOf(ElementInstance element) {
    String name = element.getElementName();
    return name == null || name.isBlank() ? element.getElementId() : name;
  }

  private List<ElementInstance> active(long processInstance) {
    return camunda
        .newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(processInstance).state(ElementInstanceState.ACTIVE))
        .page(p -> p.limit(ELEMENT_LIMIT))
        .requestTimeout(ASK_FOR)
        .send()
        .join()
        .items()
        .stream()
        .sorted(Comparator.comparing(ElementInstance::getElementInstanceKey))
        .toList();
  }
}
