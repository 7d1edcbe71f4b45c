package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.Variable;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variable scoping as Camunda 8 documents it: a scope sees its own variables and those of every
 * enclosing scope (inner ones shadow outer ones); a propagated write updates the nearest scope that
 * already has the variable, or creates it in the process instance.
 */
final class Variables {
  private final EngineState state;

  Variables(EngineState state) {
    this.state = state;
  }

  /** Everything visible from a scope, inner scopes winning. */
  Map<String, Object> visible(long scopeKey) {
    List<Long> chain = scopeChain(scopeKey);
    Map<String, Object> result = new LinkedHashMap<>();
    for (int i = chain.size() - 1; i >= 0; i--) {
      state
          .localVariables(chain.get(i))
          .forEach((name, variable) -> result.put(name, variable.value));
    }
    return result;
  }

  /** The variables declared directly in a scope, by name. */
  Map<String, Object> local(long scopeKey) {
    Map<String, Object> values = new LinkedHashMap<>();
    state.localVariables(scopeKey).forEach((name, variable) -> values.put(name, variable.value));
    return values;
  }

  /** Sets a variable in exactly this scope. */
  void setLocal(long scopeKey, String name, Object value) {
    Variable existing = state.localVariables(scopeKey).get(name);
    if (existing != null) {
      existing.value = value;
      return;
    }
    ElementInstance scope = state.elementInstances.get(scopeKey);
    Variable variable = new Variable();
    variable.key = state.nextKey();
    variable.name = name;
    variable.value = value;
    variable.scopeKey = scopeKey;
    variable.processInstanceKey = scope.processInstanceKey;
    variable.tenantId = scope.tenantId;
    state.add(variable);
  }

  /**
   * Sets a variable where it already lives, searching outwards from the scope, else at the root.
   */
  void setPropagating(long scopeKey, String name, Object value) {
    List<Long> chain = scopeChain(scopeKey);
    for (long key : chain) {
      if (state.localVariables(key).containsKey(name)) {
        setLocal(key, name, value);
        return;
      }
    }
    setLocal(chain.get(chain.size() - 1), name, value);
  }

  void setAllLocal(long scopeKey, Map<String, Object> variables) {
    variables.forEach((name, value) -> setLocal(scopeKey, name, value));
  }

  void setAllPropagating(long scopeKey, Map<String, Object> variables) {
    variables.forEach((name, value) -> setPropagating(scopeKey, name, value));
  }

  /**
   * Writes a mapping target, which may be a dotted path into a context ({@code a.b.c}): the context
   * is copied from {@code seen} and the nested entry replaced. Output mappings pass what the parent
   * scope sees (the property is merged into the existing variable); input mappings pass only what
   * their earlier mappings built (the object is new in the element's scope).
   */
  Map.Entry<String, Object> resolveTarget(String target, Object value, Map<String, Object> seen) {
    String[] path = target.split("\\.");
    if (path.length == 1) {
      return new AbstractMap.SimpleEntry<>(target, value);
    }
    Object root = seen.get(path[0]);
    Map<String, Object> copy =
        root instanceof Map<?, ?> map ? deepCopy(map) : new LinkedHashMap<>();
    Map<String, Object> cursor = copy;
    for (int i = 1; i < path.length - 1; i++) {
      Object next = cursor.get(path[i]);
      Map<String, Object> nested =
          next instanceof Map<?, ?> map ? deepCopy(map) : new LinkedHashMap<>();
      cursor.put(path[i], nested);
      cursor = nested;
    }
    cursor.put(path[path.length - 1], value);
    return new AbstractMap.SimpleEntry<>(path[0], copy);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), v instanceof Map<?, ?> m ? deepCopy(m) : v));
    return copy;
  }

  /** The scope and its ancestors, innermost first. */
  private List<Long> scopeChain(long scopeKey) {
    List<Long> chain = new ArrayList<>();
    Long current = scopeKey;
    while (current != null) {
      chain.add(current);
      ElementInstance instance = state.elementInstances.get(current);
      current = instance == null ? null : instance.flowScopeKey;
    }
    return chain;
  }

  /**
   * Variables a job, script or caught error hands back: local to the element when it has output
   * mappings (they decide what leaves), otherwise merged outwards from the element.
   */
  void mergeResult(ElementInstance instance, FlowNode node, Map<String, Object> result) {
    if (result.isEmpty()) {
      return;
    }
    if (!node.outputs().isEmpty()) {
      setAllLocal(instance.key, result);
    } else {
      setAllPropagating(instance.key, result);
    }
  }
}
