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
import org.junit.jupiter.api.Test;
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
  void aQueryParameterOfTheWrongTypeIsABadRequestNamingIt() throws Exception {
    mvc.perform(get("/windows").param("hours", "x"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("hours"));
  }
}
