package io.rollgate.app.problem;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The container's error page answers a problem about the request the caller sent. */
class ErrorPageProblemsTest {

  private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new ErrorPageProblems()).build();

  @Test
  void aFailureBeforeAnyEndpointIsAnInternalErrorThatKeepsItsCauseInTheLog() throws Exception {
    mvc.perform(
            get("/error")
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/releases")
                .requestAttr(
                    RequestDispatcher.ERROR_MESSAGE,
                    "Connection refused: jdbc:postgresql://db:5432/rollgate"))
        .andExpect(status().isInternalServerError())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Internal error"))
        .andExpect(
            jsonPath("$.detail")
                .value("the request failed unexpectedly; the service log has the details"))
        .andExpect(jsonPath("$.instance").value("/api/v1/releases"));
  }

  @Test
  void aRefusalByTheServerKeepsItsStatusAndMessage() throws Exception {
    mvc.perform(
            get("/error")
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 503)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/kpis")
                .requestAttr(RequestDispatcher.ERROR_MESSAGE, "the service is shutting down"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Service Unavailable"))
        .andExpect(jsonPath("$.detail").value("the service is shutting down"))
        .andExpect(jsonPath("$.instance").value("/api/v1/kpis"));
  }

  @Test
  void aRefusalWithoutAMessageSaysWhichRequestWasRefused() throws Exception {
    mvc.perform(
            get("/error")
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 400)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/releases/%zz"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.title").value("Bad Request"))
        .andExpect(jsonPath("$.detail").value("the server refused GET /api/v1/releases/%zz (400)"))
        .andExpect(jsonPath("$.instance").value("/api/v1/releases/%25zz"));
  }
}
