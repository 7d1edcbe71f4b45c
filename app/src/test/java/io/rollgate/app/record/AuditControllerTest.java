package io.rollgate.app.record;

import static io.rollgate.app.record.ReleaseRecordsTest.decision;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rollgate.app.record.RecordStore.Instance;
import io.rollgate.app.record.RecordStore.Kind;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class AuditControllerTest {

  @Test
  void reportsAnIntactChain() throws Exception {
    try (RecordStore store = RecordStore.open(Kind.H2)) {
      // given
      Instance service = store.instance();
      String id = service.release().id();
      service.log().append(decision(id, "readiness", "GO", "system", Map.of(), "k1"));
      MockMvc mvc = MockMvcBuilders.standaloneSetup(new AuditController(service.log())).build();

      // when / then
      mvc.perform(get("/api/v1/audit/verify"))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.intact").value(true))
          .andExpect(jsonPath("$.entriesChecked").value(1))
          .andExpect(jsonPath("$.firstBrokenSequence").doesNotExist());
    }
  }

  @Test
  void reportsABrokenChainWithTheFirstBrokenEntry() throws Exception {
    try (RecordStore store = RecordStore.open(Kind.H2)) {
      // given
      Instance service = store.instance();
      String id = service.release().id();
      service.log().append(decision(id, "readiness", "NO_GO", "system", Map.of(), "k1"));
      store.tamperer().update("UPDATE decision_log SET decision = 'GO' WHERE sequence = 1");
      MockMvc mvc = MockMvcBuilders.standaloneSetup(new AuditController(service.log())).build();

      // when / then
      mvc.perform(get("/api/v1/audit/verify"))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.intact").value(false))
          .andExpect(jsonPath("$.firstBrokenSequence").value(1))
          .andExpect(jsonPath("$.firstBrokenReleaseId").value(id));
    }
  }
}
