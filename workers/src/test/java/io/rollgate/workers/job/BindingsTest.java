package io.rollgate.workers.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BindingsTest {

  record Wave(String flagKey, int wave) {
    Wave {
      InvalidVariableException.require(wave <= 100, "wave", "is " + wave + "; at most 100");
    }
  }

  @Test
  void bindsVariablesByNameIgnoringOthers() {
    // given
    Map<String, Object> variables = Map.of("flagKey", "checkout-v2", "wave", 10, "other", true);

    // when
    Wave wave = Bindings.bind(variables, Wave.class);

    // then
    assertThat(wave).isEqualTo(new Wave("checkout-v2", 10));
  }

  @Test
  void namesTheMissingVariable() {
    // given
    Map<String, Object> variables = new HashMap<>();
    variables.put("flagKey", "checkout-v2");
    variables.put("wave", null);

    // when / then
    assertThatThrownBy(() -> Bindings.bind(variables, Wave.class))
        .isInstanceOf(InvalidVariableException.class)
        .hasMessage("variable 'wave' is missing");
  }

  record Check(String repository, @MayBeAbsent String workflow) {}

  @Test
  void bindsAnAbsentVariableThatMayBeAbsentAsNullButStillRefusesABlankOne() {
    // given
    Map<String, Object> blank = Map.of("repository", "acme/shop", "workflow", " ");

    // when
    Check absent = Bindings.bind(Map.of("repository", "acme/shop"), Check.class);

    // then
    assertThat(absent).isEqualTo(new Check("acme/shop", null));
    assertThatThrownBy(() -> Bindings.bind(blank, Check.class))
        .isInstanceOf(InvalidVariableException.class)
        .hasMessage("variable 'workflow' is blank");
    assertThatThrownBy(() -> Bindings.bind(Map.of("workflow", "build.yml"), Check.class))
        .hasMessage("variable 'repository' is missing");
  }

  @Test
  void refusesABlankText() {
    // given
    Map<String, Object> variables = Map.of("flagKey", " ", "wave", 10);

    // when / then
    assertThatThrownBy(() -> Bindings.bind(variables, Wave.class))
        .hasMessage("variable 'flagKey' is blank");
  }

  @Test
  void namesAVariableOfTheWrongType() {
    // given
    Map<String, Object> variables = Map.of("flagKey", "checkout-v2", "wave", "ten");

    // when / then
    assertThatThrownBy(() -> Bindings.bind(variables, Wave.class))
        .isInstanceOf(InvalidVariableException.class)
        .hasMessageStartingWith("variable 'wave' is \"ten\"; expected int");
  }

  @Test
  void passesOnTheRecordsOwnRefusal() {
    // given
    Map<String, Object> variables = Map.of("flagKey", "checkout-v2", "wave", 150);

    // when / then
    assertThatThrownBy(() -> Bindings.bind(variables, Wave.class))
        .isInstanceOf(InvalidVariableException.class)
        .hasMessage("variable 'wave' is 150; at most 100");
  }
}
