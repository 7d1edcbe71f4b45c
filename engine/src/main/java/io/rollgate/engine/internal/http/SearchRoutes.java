package io.rollgate.engine.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.engine.internal.api.DecisionViews;
import io.rollgate.engine.internal.api.JobViews;
import io.rollgate.engine.internal.api.Json;
import io.rollgate.engine.internal.api.Views;
import io.rollgate.engine.internal.model.ElementType;
import io.rollgate.engine.internal.processor.CommandProcessor;
import io.rollgate.engine.internal.query.EntitySchema;
import io.rollgate.engine.internal.query.QueryException;
import io.rollgate.engine.internal.query.SearchQuery;
import io.rollgate.engine.internal.query.SearchResult;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.ProcessInstance;
import io.rollgate.engine.internal.state.UserTask;
import io.rollgate.engine.internal.state.Variable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The {@code POST /v2/<entity>/search} endpoints: filter, sort and page over the processor's state.
 * A filter pinning the process instance (or scope) starts from that index instead of a scan.
 */
final class SearchRoutes {
  /** The search response: {@code {items, page:{totalItems, startCursor, endCursor}}}. */
  record Page(long totalItems, String startCursor, String endCursor) {}

  record Found<V>(List<V> items, Page page) {}

  private SearchRoutes() {}

  static void register(Router router, CommandProcessor processor) {
    router
        .add(
            "POST",
            "/v2/process-instances/search",
            search(
                processor,
                (Function<EngineState, EntitySchema<ProcessInstance>>)
                    SearchSchemas::processInstances,
                SearchRoutes::processInstanceCandidates,
                Views::of))
        .add(
            "POST",
            "/v2/element-instances/search",
            search(
                processor,
                SearchSchemas.elementInstances(),
                SearchRoutes::elementInstanceCandidates,
                Views::of))
        .add(
            "POST",
            "/v2/variables/search",
            search(
                processor,
                SearchSchemas.variables(),
                SearchRoutes::variableCandidates,
                v -> Views.of(v, true)))
        .add("POST", "/v2/user-tasks/{userTaskKey}/variables/search", userTaskVariables(processor))
        .add(
            "POST",
            "/v2/incidents/search",
            search(
                processor,
                SearchSchemas.incidents(),
                (s, q) -> byProcess(s, q, s.incidentsByProcess, s.incidents.values()),
                Views::of))
        .add(
            "POST",
            "/v2/jobs/search",
            search(
                processor,
                SearchSchemas.jobs(),
                (s, q) -> byProcess(s, q, s.jobsByProcess, s.jobs.values()),
                JobViews::of))
        .add(
            "POST",
            "/v2/process-definitions/search",
            search(
                processor,
                SearchSchemas.definitions(),
                (s, q) -> s.definitions.values(),
                Views::of))
        .add(
            "POST",
            "/v2/user-tasks/search",
            search(
                processor,
                (Function<EngineState, EntitySchema<UserTask>>) SearchSchemas::userTasks,
                (s, q) -> byProcess(s, q, s.userTasksByProcess, s.userTasks.values()),
                Views::of))
        .add(
            "POST",
            "/v2/message-subscriptions/search",
            search(
                processor,
                SearchSchemas.messageSubscriptions(),
                (state, query) -> state.subscriptions.values(),
                Views::of))
        .add(
            "POST",
            "/v2/decision-definitions/search",
            search(
                processor,
                SearchSchemas.decisionDefinitions(),
                (s, q) -> s.decisions.values(),
                DecisionViews::of))
        .add(
            "POST",
            "/v2/decision-instances/search",
            search(
                processor,
                SearchSchemas.decisionInstances(),
                (s, q) -> s.decisionInstances.values(),
                DecisionViews::of))
        .add(
            "POST",
            "/v2/correlated-message-subscriptions/search",
            search(
                processor,
                SearchSchemas.correlations(),
                (state, query) -> state.correlations,
                Views::of));
  }

  private static <T, V> Router.Route search(
      CommandProcessor processor,
      EntitySchema<T> schema,
      BiFunction<EngineState, SearchQuery<T>, Collection<T>> candidates,
      Function<T, V> view) {
    return search(processor, state -> schema, candidates, view);
  }

  /** A search whose schema needs the state, e.g. for filters on variables. */
  private static <T, V> Router.Route search(
      CommandProcessor processor,
      Function<EngineState, EntitySchema<T>> schema,
      BiFunction<EngineState, SearchQuery<T>, Collection<T>> candidates,
      Function<T, V> view) {
    return request -> {
      JsonNode body = request.hasBody() ? Json.MAPPER.readTree(request.body()) : null;
      return Routes.json(
          processor.read(
              state -> {
                SearchQuery<T> query = parse(body, schema.apply(state));
                return found(query.execute(candidates.apply(state, query)), view);
              }));
    };
  }

  /**
   * The variables a user task sees: those of its own element instance and of every enclosing scope
   * up to its process instance. As in Camunda, a name declared in several of these scopes is found
   * once per scope (each with its {@code scopeKey}); only {@code name} can be filtered on.
   */
  private static Router.Route userTaskVariables(CommandProcessor processor) {
    EntitySchema<Variable> schema = SearchSchemas.variables();
    return request -> {
      long key = request.key("userTaskKey");
      JsonNode body = request.hasBody() ? Json.MAPPER.readTree(request.body()) : null;
      requireNameFilterOnly(body);
      return Routes.json(
          processor.read(
              state -> {
                UserTask task = Routes.found(state.userTasks.get(key), "user task", key);
                SearchQuery<Variable> query = parse(body, schema);
                return found(query.execute(visibleVariables(state, task)), v -> Views.of(v, true));
              }));
    };
  }

  private static void requireNameFilterOnly(JsonNode body) {
    JsonNode filter = body == null ? null : body.get("filter");
    if (filter == null || !filter.isObject()) {
      return;
    }
    filter
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!name.equals("name")) {
                throw HttpError.badRequest(
                    "Unknown filter field '"
                        + name
                        + "' at filter."
                        + name
                        + "; the fields of a user task variable filter are: name");
              }
            });
  }

  private static List<Variable> visibleVariables(EngineState state, UserTask task) {
    List<Variable> visible = new ArrayList<>();
    Long scope = task.elementInstanceKey;
    while (scope != null && scope != task.processInstanceKey) {
      visible.addAll(state.localVariables(scope).values());
      ElementInstance element = state.elementInstances.get(scope);
      scope = element == null ? null : element.flowScopeKey;
    }
    visible.addAll(state.localVariables(task.processInstanceKey).values());
    return visible;
  }

  private static <T, V> Found<V> found(SearchResult<T> result, Function<T, V> view) {
    List<V> items = new ArrayList<>(result.items().size());
    result.items().forEach(item -> items.add(view.apply(item)));
    return new Found<>(
        items, new Page(result.totalItems(), result.startCursor(), result.endCursor()));
  }

  private static <T> SearchQuery<T> parse(JsonNode body, EntitySchema<T> schema) {
    try {
      return SearchQuery.parse(body, schema);
    } catch (QueryException e) {
      throw HttpError.badRequest(e.getMessage());
    }
  }

  private static Optional<Long> pinned(SearchQuery<?> query, String field) {
    return query.equalityOn(field).map(Long.class::cast);
  }

  // ---- candidates -------------------------------------------------------------------------

  private static Collection<ProcessInstance> processInstanceCandidates(
      EngineState state, SearchQuery<ProcessInstance> query) {
    Optional<Long> key = pinned(query, "processInstanceKey");
    if (key.isEmpty()) {
      return state.processInstances.values();
    }
    ProcessInstance instance = state.processInstances.get(key.get());
    return instance == null ? List.of() : List.of(instance);
  }

  private static Collection<ElementInstance> elementInstanceCandidates(
      EngineState state, SearchQuery<ElementInstance> query) {
    Optional<Long> instance = pinned(query, "processInstanceKey");
    if (instance.isPresent()) {
      return state.byProcess(state.elementInstancesByProcess, instance.get());
    }
    return state.elementInstances.values().stream()
        .filter(e -> e.type != ElementType.PROCESS)
        .toList();
  }

  private static Collection<Variable> variableCandidates(
      EngineState state, SearchQuery<Variable> query) {
    Optional<Long> scope = pinned(query, "scopeKey");
    if (scope.isPresent()) {
      return state.localVariables(scope.get()).values();
    }
    return byProcess(state, query, state.variablesByProcess, state.variables.values());
  }

  private static <T> Collection<T> byProcess(
      EngineState state, SearchQuery<T> query, Map<Long, List<T>> index, Collection<T> all) {
    return pinned(query, "processInstanceKey")
        .map(key -> state.byProcess(index, key))
        .orElse(List.copyOf(all));
  }
}
