package io.rollgate.app.problem;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Pattern;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Validation of parameters, by Spring MVC or by a validated bean, answers 422 naming each one. */
class ProblemAdviceTest {

  @RestController
  static class Schedules {

    private static final Validator VALIDATOR =
        Validation.buildDefaultValidatorFactory().getValidator();

    @GetMapping("/schedules/{team}")
    String schedule(
        @PathVariable @Pattern(regexp = "[a-z]+", message = "must be lower-case letters")
            String team,
        @RequestParam(defaultValue = "1") @Max(value = 7, message = "must be at most 7") int days) {
      return team + days;
    }

    /** As a bean validated by Spring's method validation would throw. */
    @GetMapping("/windows")
    String window(@RequestParam int hours) throws NoSuchMethodException {
      Method method = Schedules.class.getDeclaredMethod("openWindow", int.class);
      var violations =
          VALIDATOR.forExecutables().validateParameters(this, method, new Object[] {hours});
      throw new ConstraintViolationException(violations);
    }

    void openWindow(@Max(value = 12, message = "must be at most 12") int hours) {}

    /** As a feature refuses a request for a reason of its own. */
    @GetMapping("/schedules/{team}/lock")
    String lock(@PathVariable String team) {
      if (team.equals("ops")) {
        throw new Locked(team);
      }
      throw new Unschedulable(List.of(new FieldProblem("team", "has no members yet")));
    }
  }

  static final class Locked extends ApiProblem {
    Locked(String team) {
      super(HttpStatus.CONFLICT, "Schedule locked", "the schedule of " + team + " is locked");
    }
  }

  static final class Unschedulable extends ApiProblem {
    Unschedulable(List<FieldProblem> errors) {
      super(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid request", errors);
    }
  }

  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(new Schedules())
          .setControllerAdvice(new ProblemAdvice())
          .build();

  @Test
  void invalidPathAndQueryParametersAreUnprocessableNamingEach() throws Exception {
    mvc.perform(get("/schedules/Team-A").param("days", "9"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(
            jsonPath("$.errors[?(@.field == 'team')].message").value("must be lower-case letters"))
        .andExpect(jsonPath("$.errors[?(@.field == 'days')].message").value("must be at most 7"));
  }

  @Test
  void aConstraintViolationIsUnprocessableNamingTheParameter() throws Exception {
    mvc.perform(get("/windows").param("hours", "30"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("hours"))
        .andExpect(jsonPath("$.errors[0].message").value("must be at most 12"));
  }

  @Test
  void aFeaturesOwnRefusalIsAProblemWithItsStatusTitleAndDetail() throws Exception {
    mvc.perform(get("/schedules/ops/lock"))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Schedule locked"))
        .andExpect(jsonPath("$.detail").value("the schedule of ops is locked"))
        .andExpect(jsonPath("$.errors").doesNotExist());
  }

  @Test
  void aFeaturesInvalidRequestNamesEachFieldLikeSpringsValidation() throws Exception {
    mvc.perform(get("/schedules/new/lock"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.title").value("Invalid request"))
        .andExpect(jsonPath("$.detail").value("team has no members yet"))
        .andExpect(jsonPath("$.errors[0].field").value("team"))
        .andExpect(jsonPath("$.errors[0].message").value("has no members yet"));
  }

  @Test
  void aQueryParameterOfTheWrongTypeIsABadRequestNamingIt() throws Exception {
    mvc.perform(get("/windows").param("hours", "x"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("hours"));
  }
}
