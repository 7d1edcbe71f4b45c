package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.api.JobViews;
import io.rollgate.engine.internal.api.Views;
import io.rollgate.engine.internal.state.ProcessInstance;
import io.rollgate.engine.internal.state.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Requests the processor holds until something happens: job activations with no job ready yet (long
 * polling, until their deadline), instance creations awaiting the instance's completion, and user
 * task requests whose transition waits for task listeners. Their answers go to the batch's answer
 * list, which the processor runs once the batch is durable. Processor thread only.
 */
final class WaitingRequests {
  /** The answer of a poll that gets no job. */
  static final JobViews.JobActivationResult NO_JOBS = new JobViews.JobActivationResult(List.of());

  /**
   * @param gone completes when the requesting client went away: the poll is then dropped
   */
  private record PendingPoll(
      Command.ActivateJobs command,
      long deadline,
      CompletableFuture<Void> gone,
      CompletableFuture<Object> result) {}

  private record Awaiter(
      List<String> fetchVariables, long deadline, CompletableFuture<Object> result) {}

  private final Answers answers;
  private final Predicate<String> jobsReady;
  private final Function<Command.ActivateJobs, JobViews.JobActivationResult> activate;
  private final Function<Long, Map<String, Object>> visibleVariables;
  private final Map<String, List<PendingPoll>> polls = new LinkedHashMap<>();
  private final Map<Long, List<Awaiter>> awaiters = new HashMap<>();
  private final Map<Long, List<CompletableFuture<Object>>> transitions = new HashMap<>();

  /**
   * @param answers where answers go until the batch is durable
   * @param jobsReady whether a job of the type can be activated now
   * @param activate activates jobs for a held poll (journaled when it activated any)
   * @param visibleVariables the variables of a process instance, for an awaited completion
   */
  WaitingRequests(
      Answers answers,
      Predicate<String> jobsReady,
      Function<Command.ActivateJobs, JobViews.JobActivationResult> activate,
      Function<Long, Map<String, Object>> visibleVariables) {
    this.answers = answers;
    this.jobsReady = jobsReady;
    this.activate = activate;
    this.visibleVariables = visibleVariables;
  }

  /** Holds a job activation that found no job until one appears or the deadline (wall clock). */
  void holdPoll(
      Command.ActivateJobs command,
      long deadline,
      CompletableFuture<Void> gone,
      CompletableFuture<Object> result) {
    polls
        .computeIfAbsent(command.type(), k -> new ArrayList<>())
        .add(new PendingPoll(command, deadline, gone, result));
  }

  /** Answers once the instance completed, with the variables asked for (all when none is named). */
  void awaitCompletion(
      long instanceKey,
      List<String> fetchVariables,
      long deadline,
      CompletableFuture<Object> result) {
    awaiters
        .computeIfAbsent(instanceKey, k -> new ArrayList<>())
        .add(new Awaiter(fetchVariables, deadline, result));
  }

  /** Answers once the user task's transition took effect or was rejected by a listener. */
  void awaitTransition(long userTaskKey, CompletableFuture<Object> result) {
    transitions.computeIfAbsent(userTaskKey, k -> new ArrayList<>()).add(result);
  }

  /** A user task transition ended: taken (empty) or rejected. */
  void transitionEnded(long userTaskKey, Optional<EngineException> rejection) {
    List<CompletableFuture<Object>> waiting = transitions.remove(userTaskKey);
    if (waiting == null) {
      return;
    }
    for (CompletableFuture<Object> answer : waiting) {
      if (rejection.isPresent()) {
        answers.fail(answer, rejection.get());
      } else {
        answers.complete(answer, null);
      }
    }
  }

  /** A process instance ended: answer those awaiting it. */
  void instanceEnded(ProcessInstance instance) {
    List<Awaiter> waiting = awaiters.remove(instance.key);
    if (waiting != null) {
      waiting.forEach(awaiter -> answerAwaiter(instance, awaiter));
    }
  }

  private void answerAwaiter(ProcessInstance instance, Awaiter awaiter) {
    if (instance.state != State.COMPLETED) {
      answers.fail(
          awaiter.result(),
          EngineException.invalidState(
              "The process instance " + instance.key + " was terminated before it completed."));
      return;
    }
    Map<String, Object> visible = visibleVariables.apply(instance.key);
    Map<String, Object> selected = new LinkedHashMap<>();
    if (awaiter.fetchVariables().isEmpty()) {
      selected.putAll(visible);
    } else {
      awaiter.fetchVariables().stream()
          .filter(visible::containsKey)
          .forEach(name -> selected.put(name, visible.get(name)));
    }
    Views.CreateInstanceResult result = Views.created(instance, selected);
    answers.complete(awaiter.result(), result);
  }

  boolean holdsPolls() {
    return !polls.isEmpty();
  }

  /** Serves the held polls of every type, oldest first, while jobs can be activated. */
  void serveAllPolls() {
    new ArrayList<>(polls.keySet()).forEach(this::servePolls);
  }

  /** Serves the held polls for a job type, oldest first, while its jobs can be activated. */
  void servePolls(String type) {
    List<PendingPoll> waiting = polls.get(type);
    if (waiting == null) {
      return;
    }
    Iterator<PendingPoll> it = waiting.iterator();
    while (it.hasNext() && jobsReady.test(type)) {
      PendingPoll poll = it.next();
      if (poll.gone().isDone() || poll.result().isDone()) {
        it.remove();
        continue;
      }
      JobViews.JobActivationResult result = activate.apply(poll.command());
      if (result.jobs().isEmpty()) {
        break;
      }
      it.remove();
      answers.complete(poll.result(), result);
    }
    if (waiting.isEmpty()) {
      polls.remove(type);
    }
  }

  /**
   * Answers the polls and awaits whose deadline passed (wall clock), drops polls whose client went
   * away and transition requests that gave up waiting (their HTTP timeout; the transition goes on).
   */
  void expire(long now) {
    polls.values().forEach(list -> list.removeIf(poll -> expirePoll(poll, now)));
    polls.values().removeIf(List::isEmpty);
    awaiters.values().forEach(list -> list.removeIf(awaiter -> expireAwaiter(awaiter, now)));
    awaiters.values().removeIf(List::isEmpty);
    transitions.values().forEach(list -> list.removeIf(CompletableFuture::isDone));
    transitions.values().removeIf(List::isEmpty);
  }

  private boolean expirePoll(PendingPoll poll, long now) {
    if (poll.deadline() > now && !poll.result().isDone() && !poll.gone().isDone()) {
      return false;
    }
    answers.complete(poll.result(), NO_JOBS);
    return true;
  }

  private boolean expireAwaiter(Awaiter awaiter, long now) {
    if (awaiter.deadline() > now) {
      return false;
    }
    answers.fail(
        awaiter.result(),
        new EngineException(
            EngineException.Kind.DEADLINE_EXCEEDED,
            "The process instance did not complete within the request timeout."));
    return true;
  }

  /**
   * The earliest wall-clock time a held request needs the processor: a deadline, or (while polls
   * are held) when a job becomes due, at most a second ahead; {@link Long#MAX_VALUE} for none.
   *
   * @param jobsDueIn engine milliseconds until the next job deadline or back-off passes
   */
  long nextWakeUp(long wallNow, long jobsDueIn) {
    long next = Long.MAX_VALUE;
    if (!polls.isEmpty()) {
      next = jobsDueIn < 0 ? wallNow : wallNow + Math.min(jobsDueIn, 1_000);
      for (List<PendingPoll> list : polls.values()) {
        for (PendingPoll poll : list) {
          next = Math.min(next, poll.deadline());
        }
      }
    }
    for (List<Awaiter> list : awaiters.values()) {
      for (Awaiter awaiter : list) {
        next = Math.min(next, awaiter.deadline());
      }
    }
    return next;
  }

  /** After a purge nothing that was waited for exists any more: answer every waiting request. */
  void purged() {
    polls.values().forEach(list -> list.forEach(poll -> answers.complete(poll.result(), NO_JOBS)));
    polls.clear();
    EngineException purged =
        EngineException.invalidState(
            "The engine was purged before the process instance completed.");
    awaiters
        .values()
        .forEach(list -> list.forEach(awaiter -> answers.fail(awaiter.result(), purged)));
    awaiters.clear();
    transitions.values().forEach(list -> list.forEach(a -> answers.fail(a, purged)));
    transitions.clear();
  }

  /** At shutdown: polls get no job, the others fail with {@code closing}, all at once. */
  void shutDown(EngineException closing) {
    polls.values().forEach(list -> list.forEach(p -> p.result().complete(NO_JOBS)));
    awaiters.values().forEach(list -> list.forEach(a -> a.result().completeExceptionally(closing)));
    transitions.values().forEach(list -> list.forEach(a -> a.completeExceptionally(closing)));
  }
}
