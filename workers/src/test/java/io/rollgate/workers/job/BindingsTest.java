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

  record Cancel(@MayBeAbsent String changeSysId, String releaseId) {}

  @Test
  void bindsAnAbsentVariableAsNullWhereTheRecordAllowsIt() {
    // given
    Map<String, Object> variables = Map.of("releaseId", "R-7");

    // when
    Cancel cancel = Bindings.bind(variables, Cancel.class);

    // then
    assertThat(cancel).isEqualTo(new Cancel(null, "R-7"));
  }

  @Test
  void refusesABlankTextEvenWhereTheVariableMayBeAbsent() {
    // given
    Map<String, Object> variables = Map.of("changeSysId", "", "releaseId", "R-7");

    // when / then
    assertThatThrownBy(() -> Bindings.bind(variables, Cancel.class))
        .hasMessage("variable 'changeSysId' is blank");
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
