package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.api.Views;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.Incident;
import io.rollgate.engine.internal.state.Job;
import io.rollgate.engine.internal.state.Message;
import io.rollgate.engine.internal.state.ProcessDefinition;
import io.rollgate.engine.internal.state.ProcessInstance;
import io.rollgate.engine.internal.state.State;
import io.rollgate.engine.internal.state.Timer;
import java.util.Map;
import java.util.TreeMap;

/**
 * What moves process instances from outside: creating and cancelling them, setting variables,
 * publishing and correlating messages, broadcasting signals, firing due timers and resolving
 * incidents.
 */
final class InstanceCommands {
  private final EngineState state;
  private final Runtime runtime;

  InstanceCommands(EngineState state, Runtime runtime) {
    this.state = state;
    this.runtime = runtime;
  }

  ProcessInstance create(Command.CreateInstance command) {
    ProcessDefinition definition = findDefinition(command);
    if (definition.model.root().noneStart() == null) {
      throw EngineException.invalidArgument(
          "The process '"
              + definition.processId
              + "' has no none start event: it is started by publishing its start message.");
    }
    return runtime.createInstance(definition, command.variables());
  }

  private ProcessDefinition findDefinition(Command.CreateInstance command) {
    if (command.definitionKey() != null) {
      ProcessDefinition definition = state.definitions.get(command.definitionKey());
      if (definition == null) {
        throw EngineException.notFound(
            "Expected to find process definition with key '"
                + command.definitionKey()
                + "', but none found");
      }
      return definition;
    }
    TreeMap<Integer, ProcessDefinition> versions = state.definitionsById.get(command.processId());
    if (versions == null) {
      throw EngineException.notFound(
          "Expected to find process definition with process ID '"
              + command.processId()
              + "', but none found");
    }
    Integer version = command.version();
    if (version == null || version < 0) {
      return versions.lastEntry().getValue();
    }
    ProcessDefinition definition = versions.get(version);
    if (definition == null) {
      throw EngineException.notFound(
          "Expected to find process definition with process ID '"
              + command.processId()
              + "' and version '"
              + version
              + "', but none found");
    }
    return definition;
  }

  Object cancel(Command.CancelInstance command) {
    ProcessInstance instance = state.processInstances.get(command.processInstanceKey());
    if (instance == null || instance.state != State.ACTIVE) {
      throw EngineException.notFound(
          "Expected to cancel a process instance with key '"
              + command.processInstanceKey()
              + "', but no such process was found");
    }
    if (instance.parentProcessInstanceKey != null) {
      throw EngineException.invalidState(
          "Expected to cancel a process instance with key '"
              + instance.key
              + "', but it was created by a parent process instance. Cancel the root process"
              + " instance '"
              + instance.parentProcessInstanceKey
              + "' instead.");
    }
    runtime.cancel(instance);
    return null;
  }

  Object setVariables(Command.SetVariables command) {
    ElementInstance scope = state.elementInstances.get(command.scopeKey());
    if (scope == null || !scope.isActive()) {
      throw EngineException.notFound(
          "Expected to update variables for element with key '"
              + command.scopeKey()
              + "', but no such element was found");
    }
    if (command.local()) {
      runtime.variables().setAllLocal(scope.key, command.variables());
    } else {
      runtime.variables().setAllPropagating(scope.key, command.variables());
    }
    return null;
  }

  Object trigger(Command.TriggerTimer command) {
    Timer timer = state.timers.get(command.timerKey());
    if (timer == null || !timer.isScheduled() || timer.dueDate > runtime.now()) {
      throw EngineException.invalidState("Timer " + command.timerKey() + " is not due.");
    }
    runtime.trigger(timer);
    return null;
  }

  Object resolve(Command.ResolveIncident command) {
    Incident incident = state.incidents.get(command.incidentKey());
    if (incident == null || !incident.isActive()) {
      throw EngineException.notFound(
          "Expected to resolve incident with key '"
              + command.incidentKey()
              + "', but no such incident was found");
    }
    if (incident.jobKey != null && incident.errorType.isNoRetries()) {
      Job job = state.jobs.get(incident.jobKey);
      if (job.retries <= 0) {
        throw EngineException.invalidState(
            "Expected to resolve incident with key '"
                + incident.key
                + "', but job with key '"
                + job.key
                + "' has no retries left; update the job's retries first");
      }
    }
    runtime.resolve(incident);
    return null;
  }

  Views.SignalBroadcast broadcast(Command.BroadcastSignal command) {
    if (command.name() == null || command.name().isBlank()) {
      throw EngineException.invalidArgument("signalName is required: the signal to broadcast.");
    }
    long key = state.nextKey();
    runtime.broadcast(command.name(), command.variables());
    return new Views.SignalBroadcast(CommandHandler.DEFAULT_TENANT, Long.toString(key));
  }

  Views.MessagePublished publish(Command.PublishMessage command) {
    checkMessage(command.name());
    if (command.timeToLive() < 0) {
      throw EngineException.invalidArgument(
          "timeToLive must be 0 or more milliseconds, but was " + command.timeToLive());
    }
    String correlationKey = command.correlationKey() == null ? "" : command.correlationKey();
    if (runtime
        .correlator()
        .isDuplicate(command.name(), correlationKey, command.messageId(), runtime.now())) {
      throw new EngineException(
          EngineException.Kind.ALREADY_EXISTS,
          "Expected to publish a new message with id '"
              + command.messageId()
              + "', but a message with that id was already published");
    }
    Message message = newMessage(command.name(), correlationKey, command.variables());
    message.messageId = command.messageId();
    message.expiresAt = message.publishedAt + command.timeToLive();
    runtime.publish(message);
    return new Views.MessagePublished(CommandHandler.DEFAULT_TENANT, Long.toString(message.key));
  }

  Views.MessageCorrelated correlate(Command.CorrelateMessage command) {
    checkMessage(command.name());
    String correlationKey = command.correlationKey() == null ? "" : command.correlationKey();
    if (!runtime.correlator().canCorrelate(command.name(), correlationKey)) {
      throw EngineException.notFound(
          "Expected to find subscription for message with name '"
              + command.name()
              + "' and correlation key '"
              + correlationKey
              + "', but none was found.");
    }
    Message message = newMessage(command.name(), correlationKey, command.variables());
    message.expiresAt = message.publishedAt;
    long instance = runtime.correlate(message);
    return new Views.MessageCorrelated(
        CommandHandler.DEFAULT_TENANT, Long.toString(message.key), Long.toString(instance));
  }

  private static void checkMessage(String name) {
    if (name == null || name.isBlank()) {
      throw EngineException.invalidArgument("name is required: the message name.");
    }
  }

  private Message newMessage(String name, String correlationKey, Map<String, Object> variables) {
    Message message = new Message();
    message.key = state.nextKey();
    message.name = name;
    message.correlationKey = correlationKey;
    message.tenantId = CommandHandler.DEFAULT_TENANT;
    message.variables = variables;
    message.publishedAt = runtime.now();
    return message;
  }
}
