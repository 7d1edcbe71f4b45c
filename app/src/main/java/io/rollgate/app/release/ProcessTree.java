package io.rollgate.app.release;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessInstance;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A release's process instance and the running instances it called (the CAB approval, the cutover),
 * and theirs in turn: where the release can stand still or wait.
 */
@Component
class ProcessTree {

  /** The engine's page limit; a release calls a handful of processes at once. */
  private static final int CHILD_LIMIT = 100;

  private static final Duration ASK_FOR = Duration.ofSeconds(5);

  /** Deeper than any release calls processes. */
  private static final int MAX_DEPTH = 10;

  private final CamundaClient camunda;

  ProcessTree(CamundaClient camunda) {
    this.camunda = camunda;
  }

  /**
   * {@code root} first, then each active instance it called, breadth first.
   *
   * @throws io.camunda.client.api.command.ClientException when the engine cannot be asked
   */
  List<Long> activeFrom(long root) {
    List<Long> tree = new ArrayList<>();
    Deque<Long> next = new ArrayDeque<>(List.of(root));
    while (!next.isEmpty()) {
      long parent = next.removeFirst();
      tree.add(parent);
      camunda
          .newProcessInstanceSearchRequest()
          .filter(f -> f.parentProcessInstanceKey(parent).state(ProcessInstanceState.ACTIVE))
          .page(p -> p.limit(CHILD_LIMIT))
          .requestTimeout(ASK_FOR)
          .send()
          .join()
          .items()
          .stream()
          .map(ProcessInstance::getProcessInstanceKey)
          .forEach(next::addLast);
    }
    return tree;
  }

  /**
   * The release's own instance above {@code instance}: {@code instance} itself unless a process
   * called it.
   *
   * @throws io.camunda.client.api.command.ClientException when the engine cannot be asked
   */
  long rootOf(long instance) {
    long key = instance;
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      Long parent =
          camunda
              .newProcessInstanceGetRequest(key)
              .requestTimeout(ASK_FOR)
              .send()
              .join()
              .getParentProcessInstanceKey();
      if (parent == null || parent <= 0) {
        return key;
      }
      key = parent;
    }
    return key;
  }
}
