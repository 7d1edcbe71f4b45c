package io.rollgate.workers.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.connector.Secret;
import io.rollgate.connector.servicenow.InvalidTransitionException;
import io.rollgate.connector.servicenow.ServiceNowAuth;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.ServiceNowConfig;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.connector.servicenow.model.ChangeType;
import io.rollgate.sandbox.servicenow.ServiceNowSimulator;
import io.rollgate.workers.job.InvalidVariableException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The change workers against the ServiceNow simulator over HTTP. */
class ChangeWorkersIT {

  private static final ServiceNowSimulator SIM = ServiceNowSimulator.start();
  private static final ServiceNowClient SERVICENOW =
      new ServiceNowClient(
          ServiceNowConfig.of(SIM.baseUri(), ServiceNowAuth.basic("admin", Secret.of("admin"))));

  private final ChangeMoves moves = new ChangeMoves(SERVICENOW);
  private final CreateChangeWorker create =
      new CreateChangeWorker(SERVICENOW, ServiceNowSimulator.DEFAULT_TEMPLATE_ID);
  private final RequestApprovalWorker requestApproval = new RequestApprovalWorker(moves);
  private final CheckApprovalWorker checkApproval = new CheckApprovalWorker(SERVICENOW);
  private final EscalateApprovalWorker escalate = new EscalateApprovalWorker(SERVICENOW);
  private final StartImplementationWorker startImplementation =
      new StartImplementationWorker(moves);
  private final CloseChangeWorker close = new CloseChangeWorker(moves);

  @BeforeEach
  void reset() {
    SIM.reset();
  }

  @AfterAll
  static void stop() {
    SIM.close();
  }

  @Test
  void opensANormalChangeCarryingTheReleaseAndItsWindow() {
    // given
    CreateChangeWorker.Input input = input("R-100", "normal");

    // when
    CreateChangeWorker.Output out = create.handle(input);

    // then
    ChangeRequest change = SERVICENOW.getChange(out.changeSysId());
    assertThat(change.number()).isEqualTo(out.changeNumber());
    assertThat(change.type()).isEqualTo(ChangeType.NORMAL);
    assertThat(change.state()).isEqualTo(ChangeState.NEW);
    assertThat(change.correlationId()).isEqualTo("R-100");
    assertThat(change.shortDescription()).isEqualTo("Release 2.4.0 of shop");
    assertThat(change.field("start_date").value()).isEqualTo("2030-05-01 20:00:00");
  }

  @Test
  void opensOneChangeWhenTheJobIsDeliveredTwice() {
    // given
    CreateChangeWorker.Output first = create.handle(input("R-101", "normal"));

    // when
    CreateChangeWorker.Output second = create.handle(input("R-101", "normal"));

    // then
    assertThat(second).isEqualTo(first);
    assertThat(SIM.changesWithCorrelationId("R-101")).isEqualTo(1);
  }

  @Test
  void opensAStandardChangeFromTheTemplatePreApproved() {
    // given
    CreateChangeWorker.Input input = input("R-102", "standard");

    // when
    CreateChangeWorker.Output out = create.handle(input);

    // then
    ChangeRequest change = SERVICENOW.getChange(out.changeSysId());
    assertThat(change.type()).isEqualTo(ChangeType.STANDARD);
    assertThat(change.approval()).isEqualTo("approved");
    assertThat(change.field("std_change_producer_version").value())
        .isEqualTo(ServiceNowSimulator.DEFAULT_TEMPLATE_ID);
  }

  @Test
  void refusesAnUnknownChangeTypeNamingTheVariable() {
    // given / when / then
    assertThatThrownBy(() -> input("R-103", "minor"))
        .isInstanceOf(InvalidVariableException.class)
        .hasMessage("variable 'changeType' is 'minor'; expected standard, normal or emergency");
  }

  @Test
  void asksTheCabByMovingANormalChangeThroughAssessToAuthorize() {
    // given
    String sysId = create.handle(input("R-104", "normal")).changeSysId();

    // when
    requestApproval.handle(new RequestApprovalWorker.Input(sysId));

    // then
    ChangeRequest change = SERVICENOW.getChange(sysId);
    assertThat(change.state()).isEqualTo(ChangeState.AUTHORIZE);
    assertThat(change.approval()).isEqualTo("requested");
  }

  @Test
  void asksTheCabOnlyOnceWhenTheRequestIsRepeated() {
    // given
    String sysId = create.handle(input("R-105", "emergency")).changeSysId();
    requestApproval.handle(new RequestApprovalWorker.Input(sysId));

    // when
    requestApproval.handle(new RequestApprovalWorker.Input(sysId));

    // then
    assertThat(SERVICENOW.getChange(sysId).state()).isEqualTo(ChangeState.AUTHORIZE);
    assertThat(SERVICENOW.approvals(sysId)).hasSize(1);
  }

  @Test
  void escalatesAnOverdueDecisionWithAWorkNoteOnTheChange() {
    // given
    CreateChangeWorker.Output change = create.handle(input("R-110", "normal"));
    requestApproval.handle(new RequestApprovalWorker.Input(change.changeSysId()));

    // when
    escalate.handle(new EscalateApprovalWorker.Input(change.changeSysId(), "R-110"));

    // then
    assertThat(SIM.workNotes(change.changeNumber()))
        .anySatisfy(note -> assertThat(note).contains("CAB decision overdue").contains("R-110"));
    assertThat(
            checkApproval.handle(new CheckApprovalWorker.Input(change.changeSysId())).cabDecision())
        .isEqualTo("PENDING");
  }

  @Test
  void readsTheCabDecisionPendingThenApproved() {
    // given
    CreateChangeWorker.Output change = create.handle(input("R-106", "normal"));
    requestApproval.handle(new RequestApprovalWorker.Input(change.changeSysId()));
    String before =
        checkApproval.handle(new CheckApprovalWorker.Input(change.changeSysId())).cabDecision();

    // when
    SIM.approve(change.changeNumber(), "fine");
    String after =
        checkApproval.handle(new CheckApprovalWorker.Input(change.changeSysId())).cabDecision();

    // then
    assertThat(before).isEqualTo("PENDING");
    assertThat(after).isEqualTo("APPROVED");
  }

  @Test
  void readsARejectionAsRejectedWithTheCabsReason() {
    // given
    CreateChangeWorker.Output change = create.handle(input("R-107", "normal"));
    requestApproval.handle(new RequestApprovalWorker.Input(change.changeSysId()));

    // when
    SIM.reject(change.changeNumber(), "too risky");

    // then
    assertThat(checkApproval.handle(new CheckApprovalWorker.Input(change.changeSysId())))
        .isEqualTo(new CheckApprovalWorker.Output("REJECTED", "too risky"));
  }

  @Test
  void startsImplementingAnApprovedChange() {
    // given
    CreateChangeWorker.Output change = create.handle(input("R-108", "normal"));
    requestApproval.handle(new RequestApprovalWorker.Input(change.changeSysId()));
    SIM.approve(change.changeNumber(), null);

    // when
    startImplementation.handle(new StartImplementationWorker.Input(change.changeSysId()));

    // then
    assertThat(SERVICENOW.getChange(change.changeSysId()).state()).isEqualTo(ChangeState.IMPLEMENT);
  }

  @Test
  void startsImplementingAStandardChangeThroughScheduled() {
    // given
    String sysId = create.handle(input("R-109", "standard")).changeSysId();

    // when
    startImplementation.handle(new StartImplementationWorker.Input(sysId));

    // then
    assertThat(SERVICENOW.getChange(sysId).state()).isEqualTo(ChangeState.IMPLEMENT);
  }

  @Test
  void refusesToImplementAChangeTheCabHasNotApproved() {
    // given
    String sysId = create.handle(input("R-110", "normal")).changeSysId();
    requestApproval.handle(new RequestApprovalWorker.Input(sysId));

    // when / then
    assertThatThrownBy(() -> startImplementation.handle(new StartImplementationWorker.Input(sysId)))
        .isInstanceOf(InvalidTransitionException.class)
        .hasMessageContaining("cannot move from Authorize to Implement");
    assertThat(SERVICENOW.getChange(sysId).state()).isEqualTo(ChangeState.AUTHORIZE);
  }

  @Test
  void closesTheChangeThroughReviewWithTheModelsCodeAndNotes() {
    // given
    String sysId = implementedStandardChange("R-111");

    // when
    close.handle(
        new CloseChangeWorker.Input(
            sysId, "unsuccessful", "Rolled back by Rollgate release R-111.", "R-111"));

    // then
    ChangeRequest change = SERVICENOW.getChange(sysId);
    assertThat(change.state()).isEqualTo(ChangeState.CLOSED);
    assertThat(change.field("close_code").value()).isEqualTo("unsuccessful");
    assertThat(change.field("close_notes").value())
        .isEqualTo("Rolled back by Rollgate release R-111.");
  }

  @Test
  void cancelsAChangeWithTheReasonAsCloseNotesAndWorkNoteOnce() {
    // given
    String sysId = create.handle(input("R-113", "normal")).changeSysId();
    CancelChangeWorker cancel = cancelWaiting(Duration.ofSeconds(30));
    CancelChangeWorker.Input why =
        new CancelChangeWorker.Input(
            sysId, "Stopped at go/no-go: P1 open on checkout", "R-113", null);

    // when the job is delivered twice
    cancel.handle(why);
    cancel.handle(why);

    // then
    ChangeRequest change = SERVICENOW.getChange(sysId);
    assertThat(change.state()).isEqualTo(ChangeState.CANCELED);
    assertThat(change.field("close_notes").value())
        .isEqualTo("Stopped at go/no-go: P1 open on checkout");
    assertThat(SIM.workNotes(change.number()))
        .filteredOn(n -> n.contains("Stopped at go/no-go"))
        .hasSize(1);
  }

  @Test
  void anAbortWhileTheChangeIsOnItsWayCancelsItOnceItLands() throws Exception {
    // given a release that asked for its change, whose creation lands only after a while
    CancelChangeWorker cancel = cancelWaiting(Duration.ofSeconds(30));
    CompletableFuture<CreateChangeWorker.Output> landing =
        CompletableFuture.supplyAsync(
            () -> create.handle(input("R-114", "normal")),
            CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));

    // when the abort cancels the release's change, none being recorded
    cancel.handle(new CancelChangeWorker.Input(null, "Release aborted by pat.", "R-114", true));

    // then the change that landed meanwhile is canceled, and it is the only one
    ChangeRequest change = SERVICENOW.getChange(landing.get(10, TimeUnit.SECONDS).changeSysId());
    assertThat(change.state()).isEqualTo(ChangeState.CANCELED);
    assertThat(change.field("close_notes").value()).isEqualTo("Release aborted by pat.");
    assertThat(SIM.changesWithCorrelationId("R-114")).isEqualTo(1);
  }

  @Test
  void anAbortWhoseChangeNeverLandsEndsOnceACreationCannotLandAnyMore() {
    // given a release that asked for its change, which never reached ServiceNow
    CancelChangeWorker cancel = cancelWaiting(Duration.ofMillis(300));

    // when
    cancel.handle(new CancelChangeWorker.Input(null, "Release aborted by pat.", "R-115", true));

    // then the abort goes on, with nothing to cancel and nothing opened
    assertThat(SIM.changesWithCorrelationId("R-115")).isZero();
  }

  private static CancelChangeWorker cancelWaiting(Duration longestCreation) {
    return new CancelChangeWorker(
        SERVICENOW, longestCreation, Duration.ofMillis(50), Clock.systemUTC());
  }

  private String implementedStandardChange(String releaseId) {
    String sysId = create.handle(input(releaseId, "standard")).changeSysId();
    startImplementation.handle(new StartImplementationWorker.Input(sysId));
    return sysId;
  }

  private static CreateChangeWorker.Input input(String releaseId, String type) {
    return new CreateChangeWorker.Input(
        releaseId, type, "shop", "2.4.0", "2030-05-01T22:00:00+02:00");
  }
}
