package io.rollgate.connector.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.connector.servicenow.model.Approval;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.connector.servicenow.model.CloseCode;
import io.rollgate.connector.servicenow.model.ConflictCheck;
import io.rollgate.connector.servicenow.model.Incident;
import io.rollgate.connector.servicenow.model.IncidentQuery;
import io.rollgate.connector.servicenow.model.NewChange;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Client behaviours that must hold against both backends: MockWebServer answering with the docs'
 * examples ({@code ChangeLifecycleScenariosTest}) and the simulator ({@code
 * ChangeLifecycleScenariosIT}). The {@code given…} hooks prepare each backend; the scenarios only
 * see the client, so the simulator cannot drift from what the docs show.
 */
abstract class ChangeLifecycleScenarios {

  /** sys_id of the configuration item the incident scenarios use. */
  static final String CI = "55b35562c0a8010e01cff22378e0aea9";

  protected abstract ServiceNowClient client();

  /** No change carries {@code correlationId}; the next creation answers a new normal change. */
  protected abstract void givenNoChangeWith(String correlationId);

  /** A normal change in {@code state}; returns its sys_id. */
  protected abstract String givenChangeIn(ChangeState state);

  /** A change whose CAB approval was granted; returns its sys_id. */
  protected abstract String givenApprovedChange();

  /** A change whose conflict check will find nothing; returns its sys_id. */
  protected abstract String givenChangeWithoutConflicts();

  /** Three active P1/P2 incidents and one P4 on {@link #CI}, served two per page. */
  protected abstract void givenIncidentsOnCi();

  /** No change has {@code sysId}. */
  protected abstract void givenNoChange(String sysId);

  @Test
  void createsChangeOnceAndFindsTheSameChangeAgainByCorrelationId() {
    // given
    String correlationId = "rel-" + System.nanoTime();
    givenNoChangeWith(correlationId);
    // when
    ChangeRequest first = client().createChange(NewChange.normal(correlationId, "Remove server"));
    ChangeRequest again = client().createChange(NewChange.normal(correlationId, "Remove server"));
    // then
    assertThat(first.sysId()).matches("[0-9a-f]{32}");
    assertThat(first.state()).isEqualTo(ChangeState.NEW);
    assertThat(again.sysId()).isEqualTo(first.sysId());
  }

  @Test
  void refusesTransitionNextstatesDoesNotAllow() {
    // given
    String sysId = givenChangeIn(ChangeState.AUTHORIZE);
    // when / then
    assertThatThrownBy(() -> client().moveTo(sysId, ChangeState.SCHEDULED))
        .isInstanceOfSatisfying(
            InvalidTransitionException.class,
            e -> {
              assertThat(e.from()).isEqualTo(ChangeState.AUTHORIZE);
              assertThat(e.allowed()).doesNotContain(ChangeState.SCHEDULED);
              assertThat(e.retryable()).isFalse();
            });
  }

  @Test
  void movesChangeAlongATransitionNextstatesOffers() {
    // given
    String sysId = givenChangeIn(ChangeState.IMPLEMENT);
    // when
    ChangeRequest moved = client().moveTo(sysId, ChangeState.REVIEW);
    // then
    assertThat(moved.state()).isEqualTo(ChangeState.REVIEW);
  }

  @Test
  void closesChangeWithCloseCodeAndNotes() {
    // given
    String sysId = givenChangeIn(ChangeState.REVIEW);
    // when
    ChangeRequest closed = client().close(sysId, CloseCode.SUCCESSFUL, "Completed without issues");
    // then
    assertThat(closed.state()).isEqualTo(ChangeState.CLOSED);
    assertThat(closed.field("close_code").value()).isEqualTo("successful");
    assertThat(closed.field("close_notes").value()).isEqualTo("Completed without issues");
  }

  @Test
  void readsTheApprovalOfAnApprovedChange() {
    // given
    String sysId = givenApprovedChange();
    // when
    List<Approval> approvals = client().approvals(sysId);
    // then
    assertThat(approvals).hasSize(1);
    assertThat(approvals.get(0).approved()).isTrue();
    assertThat(approvals.get(0).changeSysId()).isEqualTo(sysId);
    assertThat(approvals.get(0).approver().displayValue()).isNotBlank();
  }

  @Test
  void reportsNoConflictsWhenStatusSaysConflictButTheListIsEmpty() {
    // given
    String sysId = givenChangeWithoutConflicts();
    // when
    ConflictCheck check = client().checkConflicts(sysId, Duration.ofSeconds(5));
    // then
    assertThat(check.status()).isEqualTo("Conflict");
    assertThat(check.finished()).isTrue();
    assertThat(check.hasConflicts()).isFalse();
  }

  @Test
  void readsOpenIncidentsOfACiAcrossPages() {
    // given
    givenIncidentsOnCi();
    // when
    List<Incident> incidents = client().openIncidents(IncidentQuery.forCi(CI, 2).withPageSize(2));
    // then
    assertThat(incidents).hasSize(3);
    assertThat(incidents).allSatisfy(i -> assertThat(i.priority()).isBetween(1, 2));
    assertThat(incidents).allSatisfy(i -> assertThat(i.cmdbCi().value()).isEqualTo(CI));
    assertThat(incidents).extracting(Incident::number).doesNotHaveDuplicates();
  }

  @Test
  void reportsAnUnknownChangeAsNotFound() {
    // given
    String sysId = "0000000000000000000000000000beef";
    givenNoChange(sysId);
    // when / then
    assertThatThrownBy(() -> client().getChange(sysId))
        .isInstanceOf(ServiceNowNotFoundException.class)
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("No Record found");
  }
}
