package io.rollgate.workers.change;

import io.rollgate.workers.WorkerConnections;
import io.rollgate.workers.WorkerSettings;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ServiceNow change request workers: open ({@code servicenow-create-change}), check its
 * conflicts ({@code servicenow-check-conflicts}), ask the CAB ({@code
 * servicenow-request-approval}), read its decision ({@code servicenow-check-approval}), escalate an
 * overdue decision ({@code servicenow-escalate-approval}), start implementing ({@code
 * servicenow-start-implementation}), close ({@code servicenow-close-change}) and cancel ({@code
 * servicenow-cancel-change}). Imported by {@code ReleaseWorkersConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class ChangeWorkersConfiguration {

  @Bean
  CreateChangeWorker createChangeWorker(WorkerConnections connections, WorkerSettings settings) {
    return new CreateChangeWorker(connections.servicenow(), settings.standardChangeTemplateId());
  }

  @Bean
  ConflictCheckWorker conflictCheckWorker(WorkerConnections connections) {
    return new ConflictCheckWorker(connections.servicenow(), ConflictCheckWorker.DEFAULT_TIMEOUT);
  }

  @Bean
  RequestApprovalWorker requestApprovalWorker(WorkerConnections connections) {
    return new RequestApprovalWorker(new ChangeMoves(connections.servicenow()));
  }

  @Bean
  CheckApprovalWorker checkApprovalWorker(WorkerConnections connections) {
    return new CheckApprovalWorker(connections.servicenow());
  }

  @Bean
  AddWorkNoteWorker addWorkNoteWorker(WorkerConnections connections) {
    return new AddWorkNoteWorker(connections.servicenow());
  }

  @Bean
  EscalateApprovalWorker escalateApprovalWorker(WorkerConnections connections) {
    return new EscalateApprovalWorker(connections.servicenow());
  }

  @Bean
  StartImplementationWorker startImplementationWorker(WorkerConnections connections) {
    return new StartImplementationWorker(new ChangeMoves(connections.servicenow()));
  }

  @Bean
  CancelChangeWorker cancelChangeWorker(WorkerConnections connections) {
    return new CancelChangeWorker(
        connections.servicenow(),
        connections.longestChangeCreation(),
        CancelChangeWorker.POLL_INTERVAL,
        Clock.systemUTC());
  }

  @Bean
  CloseChangeWorker closeChangeWorker(WorkerConnections connections) {
    return new CloseChangeWorker(new ChangeMoves(connections.servicenow()));
  }
}
