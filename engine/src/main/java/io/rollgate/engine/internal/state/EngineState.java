package io.rollgate.engine.internal.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * All engine state with the indexes the processor maintains. Keys are Camunda-style: partition 1 in
 * the high bits ({@code 1 << 51}) plus a counter, so the first key is 2251799813685249.
 */
public final class EngineState {
  /** The high bits of every key: partition 1, as Camunda 8 encodes keys. */
  public static final long PARTITION_BITS = 1L << 51;

  public long keyCounter;

  /** How many purges were completed; reported as the topology's {@code lastCompletedChangeId}. */
  public volatile long changeId;

  public final TreeMap<Long, ProcessDefinition> definitions = new TreeMap<>();
  public final Map<String, TreeMap<Integer, ProcessDefinition>> definitionsById = new TreeMap<>();
  public final TreeMap<Long, ProcessInstance> processInstances = new TreeMap<>();
  public final Map<Long, ElementInstance> elementInstances = new HashMap<>();
  public final Map<Long, List<ElementInstance>> elementInstancesByProcess = new HashMap<>();
  public final Map<Long, Variable> variables = new HashMap<>();
  public final Map<Long, Map<String, Variable>> variablesByScope = new HashMap<>();
  public final Map<Long, List<Variable>> variablesByProcess = new HashMap<>();
  public final TreeMap<Long, Job> jobs = new TreeMap<>();
  public final Map<Long, List<Job>> jobsByProcess = new HashMap<>();
  public final JobQueue jobQueue = new JobQueue();
  public final TreeMap<Long, Incident> incidents = new TreeMap<>();
  public final TreeMap<Long, MessageSubscription> subscriptions = new TreeMap<>();

  /** Open subscriptions by message name and correlation key, oldest first. */
  public final Map<String, TreeSet<Long>> openSubscriptions = new HashMap<>();

  /** Messages still within their time to live, by key. */
  public final TreeMap<Long, Message> messages = new TreeMap<>();

  /** Keys of live messages by message name and correlation key, oldest first. */
  public final Map<String, TreeSet<Long>> messagesByCorrelation = new HashMap<>();

  public final List<MessageCorrelation> correlations = new ArrayList<>();
  public final TreeMap<Long, Timer> timers = new TreeMap<>();
  public final TreeMap<Long, MessageSubscription> signalSubscriptions = new TreeMap<>();

  /** Open signal subscriptions by signal name, oldest first. */
  public final Map<String, TreeSet<Long>> openSignals = new HashMap<>();

  public final TreeMap<Long, UserTask> userTasks = new TreeMap<>();
  public final TreeMap<Long, FormDefinition> forms = new TreeMap<>();
  public final Map<String, TreeMap<Integer, FormDefinition>> formsById = new TreeMap<>();
  public final Map<Long, List<UserTask>> userTasksByProcess = new HashMap<>();
  public final TreeMap<Long, DecisionRequirements> decisionRequirements = new TreeMap<>();
  public final Map<String, TreeMap<Integer, DecisionRequirements>> decisionRequirementsById =
      new TreeMap<>();
  public final TreeMap<Long, DecisionDefinition> decisions = new TreeMap<>();
  public final Map<String, TreeMap<Integer, DecisionDefinition>> decisionsById = new TreeMap<>();
  public final Map<String, DecisionInstance> decisionInstances = new LinkedHashMap<>();

  /** Scheduled timers by due date, then key. */
  private final TreeSet<long[]> timersDue =
      new TreeSet<>(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));

  /**
   * Active instances started by a message with a correlation key, per process id and key: a second
   * such message does not start another while one runs.
   */
  public final Map<String, Long> messageStartedInstances = new HashMap<>();

  public final Map<Long, List<Incident>> incidentsByProcess = new HashMap<>();

  public long nextKey() {
    return PARTITION_BITS + ++keyCounter;
  }

  public void add(ElementInstance instance) {
    elementInstances.put(instance.key, instance);
    elementInstancesByProcess
        .computeIfAbsent(instance.processInstanceKey, k -> new ArrayList<>())
        .add(instance);
  }

  public void add(Variable variable) {
    variables.put(variable.key, variable);
    variablesByScope
        .computeIfAbsent(variable.scopeKey, k -> new LinkedHashMap<>())
        .put(variable.name, variable);
    variablesByProcess
        .computeIfAbsent(variable.processInstanceKey, k -> new ArrayList<>())
        .add(variable);
  }

  public void add(Job job) {
    jobs.put(job.key, job);
    jobsByProcess.computeIfAbsent(job.processInstanceKey, k -> new ArrayList<>()).add(job);
  }

  public void add(Incident incident) {
    incidents.put(incident.key, incident);
    incidentsByProcess
        .computeIfAbsent(incident.processInstanceKey, k -> new ArrayList<>())
        .add(incident);
  }

  public void add(ProcessDefinition definition) {
    definitions.put(definition.key, definition);
    TreeMap<Integer, ProcessDefinition> versions =
        definitionsById.computeIfAbsent(definition.processId, k -> new TreeMap<>());
    versions.put(definition.version, definition);
    versions.values().forEach(d -> d.latest = false);
    versions.lastEntry().getValue().latest = true;
  }

  /** Variables declared directly in a scope, by name. */
  public Map<String, Variable> localVariables(long scopeKey) {
    return variablesByScope.getOrDefault(scopeKey, Map.of());
  }

  public <T> List<T> byProcess(Map<Long, List<T>> index, long processInstanceKey) {
    return index.getOrDefault(processInstanceKey, List.of());
  }

  /** The index key of a message name and correlation key. */
  public static String messageKey(String name, String correlationKey) {
    return name + '\u0000' + correlationKey;
  }

  public void add(MessageSubscription subscription) {
    subscriptions.put(subscription.key, subscription);
    if (subscription.isOpen()) {
      openSubscriptions
          .computeIfAbsent(
              messageKey(subscription.messageName, subscription.correlationKey),
              k -> new TreeSet<>())
          .add(subscription.key);
    }
  }

  public void add(FormDefinition form) {
    forms.put(form.key, form);
    formsById.computeIfAbsent(form.formId, k -> new TreeMap<>()).put(form.version, form);
  }

  public void add(DecisionRequirements drg) {
    decisionRequirements.put(drg.key, drg);
    decisionRequirementsById
        .computeIfAbsent(drg.decisionRequirementsId, k -> new TreeMap<>())
        .put(drg.version, drg);
  }

  public void add(DecisionDefinition decision) {
    decisions.put(decision.key, decision);
    decisionsById
        .computeIfAbsent(decision.decisionId, k -> new TreeMap<>())
        .put(decision.version, decision);
  }

  public void add(DecisionInstance instance) {
    decisionInstances.put(instance.id, instance);
  }

  public void add(UserTask task) {
    userTasks.put(task.key, task);
    userTasksByProcess.computeIfAbsent(task.processInstanceKey, k -> new ArrayList<>()).add(task);
  }

  public void addSignal(MessageSubscription subscription) {
    signalSubscriptions.put(subscription.key, subscription);
    if (subscription.isOpen()) {
      openSignals
          .computeIfAbsent(subscription.messageName, k -> new TreeSet<>())
          .add(subscription.key);
    }
  }

  public void closeSignal(MessageSubscription subscription, SubscriptionState endState, long now) {
    subscription.state = endState;
    subscription.lastUpdated = now;
    TreeSet<Long> open = openSignals.get(subscription.messageName);
    if (open != null) {
      open.remove(subscription.key);
      if (open.isEmpty()) {
        openSignals.remove(subscription.messageName);
      }
    }
  }

  public void add(Timer timer) {
    timers.put(timer.key, timer);
    if (timer.isScheduled()) {
      timersDue.add(new long[] {timer.dueDate, timer.key});
    }
  }

  /** Takes a timer off the schedule, ending it in the given state. */
  public void unschedule(Timer timer, TimerState endState) {
    timersDue.remove(new long[] {timer.dueDate, timer.key});
    timer.state = endState;
  }

  /** Moves a repeating timer to its next due date. */
  public void reschedule(Timer timer, long nextDue) {
    timersDue.remove(new long[] {timer.dueDate, timer.key});
    timer.dueDate = nextDue;
    timersDue.add(new long[] {timer.dueDate, timer.key});
  }

  /** The scheduled timer due first, if it is due at {@code now}. */
  public Timer dueTimer(long now) {
    if (timersDue.isEmpty() || timersDue.first()[0] > now) {
      return null;
    }
    return timers.get(timersDue.first()[1]);
  }

  /** When the next timer is due (engine time), or {@code Long.MAX_VALUE}. */
  public long nextTimerDue() {
    return timersDue.isEmpty() ? Long.MAX_VALUE : timersDue.first()[0];
  }

  public void add(Message message) {
    messages.put(message.key, message);
    messagesByCorrelation
        .computeIfAbsent(messageKey(message.name, message.correlationKey), k -> new TreeSet<>())
        .add(message.key);
  }

  public void remove(Message message) {
    messages.remove(message.key);
    String index = messageKey(message.name, message.correlationKey);
    TreeSet<Long> keys = messagesByCorrelation.get(index);
    if (keys != null) {
      keys.remove(message.key);
      if (keys.isEmpty()) {
        messagesByCorrelation.remove(index);
      }
    }
  }

  public void close(MessageSubscription subscription, SubscriptionState endState, long now) {
    subscription.state = endState;
    subscription.lastUpdated = now;
    String index = messageKey(subscription.messageName, subscription.correlationKey);
    TreeSet<Long> open = openSubscriptions.get(index);
    if (open != null) {
      open.remove(subscription.key);
      if (open.isEmpty()) {
        openSubscriptions.remove(index);
      }
    }
  }

  /** Rebuilds the job queue from the jobs, after a snapshot was loaded. */
  public void rebuildJobQueue() {
    for (Job job : jobs.values()) {
      if (job.state.isEnded() || job.incidentKey != null || job.state == JobState.ERROR_THROWN) {
        continue;
      }
      if (job.activated) {
        jobQueue.wakeAt(job, job.deadline);
      } else if (job.retryAt != null) {
        jobQueue.wakeAt(job, job.retryAt);
      } else {
        jobQueue.makeReady(job);
      }
    }
  }

  /**
   * Forgets everything but the key counter (keys stay unique across purges) and counts the purge as
   * a completed change.
   */
  public void purge() {
    definitions.clear();
    definitionsById.clear();
    processInstances.clear();
    elementInstances.clear();
    elementInstancesByProcess.clear();
    variables.clear();
    variablesByScope.clear();
    variablesByProcess.clear();
    jobs.clear();
    jobsByProcess.clear();
    jobQueue.clear();
    incidents.clear();
    incidentsByProcess.clear();
    subscriptions.clear();
    openSubscriptions.clear();
    messages.clear();
    messagesByCorrelation.clear();
    correlations.clear();
    messageStartedInstances.clear();
    timers.clear();
    timersDue.clear();
    userTasks.clear();
    userTasksByProcess.clear();
    forms.clear();
    formsById.clear();
    decisionRequirements.clear();
    decisionRequirementsById.clear();
    decisions.clear();
    decisionsById.clear();
    decisionInstances.clear();
    signalSubscriptions.clear();
    openSignals.clear();
    changeId++;
  }
}
