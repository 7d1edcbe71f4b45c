package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.model.ElementSpec;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.state.ElementInstance;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A script task with a FEEL expression: evaluated in the element's scope, its result stored in the
 * result variable, and the task completes. A failing expression raises an incident.
 */
final class ScriptTaskBehavior implements ElementBehavior {
  private final Runtime runtime;

  ScriptTaskBehavior(Runtime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void activate(ElementInstance instance, FlowNode node) {
    ElementSpec.Script script = node.spec(ElementSpec.Script.class);
    Object result;
    try {
      result =
          runtime.feel().evaluate(script.expression(), runtime.variables().visible(instance.key));
    } catch (EvaluationException e) {
      runtime.incidents().failActivation(instance, e);
      return;
    }
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put(script.resultVariable(), result);
    runtime.variables().mergeResult(instance, node, vars);
    runtime.completeLater(instance);
  }
}
