package io.rollgate.app.release;

import io.rollgate.app.problem.FieldProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a release's cutover plan, run in the order given ({@code cutoverSteps}).
 *
 * @param name the step's name, unique in the plan; the CI run's key is {@code <release id>/<name>}
 * @param kind {@code ci}: a CI job Rollgate runs and waits for; {@code pipeline}: the release's
 *     pipeline deploys it and reports ({@code POST /api/v1/releases/{id}/deployments}); {@code
 *     manual}: a checklist step a release manager does
 * @param ci for a {@code ci} step, {@code github}, {@code gitlab} or {@code jenkins}; where the
 *     release's pipelines run ({@code ciProvider}) when absent
 * @param repository for a {@code ci} step, the GitHub {@code owner/name} or the GitLab project; the
 *     release's when absent (required on GitLab unless the release's pipelines run there)
 * @param pipeline for a {@code ci} step, the GitHub workflow file or the Jenkins job (required
 *     there); not used on GitLab
 * @param instructions for a {@code manual} step, the checklist text the person follows (required)
 * @param rollback how the step is undone when cutover fails; none skips it
 */
record CutoverStep(
    @NotBlank @Pattern(regexp = NAME, message = "must be 1 to 64 letters, digits, '.', '_' or '-'")
        String name,
    @NotBlank @Pattern(regexp = "ci|pipeline|manual", message = "must be ci, pipeline or manual")
        String kind,
    @Pattern(regexp = CI, message = "must be github, gitlab or jenkins") String ci,
    @Pattern(regexp = REPOSITORY, message = "must be owner/name or a GitLab group/project path")
        String repository,
    @Size(max = 200) String pipeline,
    @Size(max = 2000) String instructions,
    @Valid StepRollback rollback) {

  static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
  static final String CI = "github|gitlab|jenkins";
  static final String REPOSITORY = "[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+";
  static final String GITHUB_REPOSITORY = "[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+";

  /**
   * How a step is undone: a CI job (on the step's CI system and repository unless it names its own)
   * or a checklist step for a person.
   *
   * @param kind {@code ci} or {@code manual}
   * @param ci for a {@code ci} rollback, the CI system; the step's when absent
   * @param repository for a {@code ci} rollback, the repository or project; the step's when absent
   * @param pipeline for a {@code ci} rollback, the GitHub workflow file or the Jenkins job
   * @param instructions for a {@code manual} rollback, the checklist text (required)
   */
  record StepRollback(
      @NotBlank @Pattern(regexp = "ci|manual", message = "must be ci or manual") String kind,
      @Pattern(regexp = CI, message = "must be github, gitlab or jenkins") String ci,
      @Pattern(regexp = REPOSITORY, message = "must be owner/name or a GitLab group/project path")
          String repository,
      @Size(max = 200) String pipeline,
      @Size(max = 2000) String instructions) {

    Map<String, Object> asVariable() {
      Map<String, Object> rollback = new LinkedHashMap<>();
      rollback.put("kind", kind);
      ReleaseService.putIfPresent(rollback, "ci", ci);
      ReleaseService.putIfPresent(rollback, "repository", repository);
      ReleaseService.putIfPresent(rollback, "pipeline", pipeline);
      ReleaseService.putIfPresent(rollback, "instructions", instructions);
      return rollback;
    }
  }

  /** The step as the cutover model reads it: only the members given. */
  Map<String, Object> asVariable() {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("name", name);
    step.put("kind", kind);
    ReleaseService.putIfPresent(step, "ci", ci);
    ReleaseService.putIfPresent(step, "repository", repository);
    ReleaseService.putIfPresent(step, "pipeline", pipeline);
    ReleaseService.putIfPresent(step, "instructions", instructions);
    if (rollback != null) {
      step.put("rollback", rollback.asVariable());
    }
    return step;
  }

  /** The plan as the cutover model reads it. */
  static List<Map<String, Object>> asVariable(List<CutoverStep> steps) {
    return steps.stream().map(CutoverStep::asVariable).toList();
  }

  /**
   * What each step lacks for its kind, and names used twice, each named by its field ({@code
   * cutoverSteps[1].pipeline}); the members' own form is bean validation's.
   *
   * @param releaseCi where the release's pipelines run, and a CI job that names none: {@code
   *     github} (also when null), {@code gitlab} or {@code jenkins}
   */
  static List<FieldProblem> problems(List<CutoverStep> steps, String releaseCi) {
    List<FieldProblem> problems = new ArrayList<>();
    if (steps == null) {
      return problems;
    }
    Map<String, Integer> firstWithName = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      String field = "cutoverSteps[" + i + "]";
      CutoverStep step = steps.get(i);
      if (step == null) {
        problems.add(new FieldProblem(field, "must be a step"));
        continue;
      }
      if (step.name() != null) {
        Integer first = firstWithName.putIfAbsent(step.name(), i);
        if (first != null) {
          problems.add(
              new FieldProblem(field + ".name", "must be unique: step " + first + " has it too"));
        }
      }
      if ("ci".equals(step.kind())) {
        ciJobProblems(field, step.ci(), step.repository(), step.pipeline(), releaseCi, problems);
      } else if ("manual".equals(step.kind())) {
        requireText(field + ".instructions", step.instructions(), "a manual step", problems);
      }
      StepRollback rollback = step.rollback();
      if (rollback != null && "ci".equals(rollback.kind())) {
        ciJobProblems(
            field + ".rollback",
            rollback.ci() == null ? step.ci() : rollback.ci(),
            rollback.repository() == null ? step.repository() : rollback.repository(),
            rollback.pipeline(),
            releaseCi,
            problems);
      } else if (rollback != null && "manual".equals(rollback.kind())) {
        requireText(
            field + ".rollback.instructions",
            rollback.instructions(),
            "a manual rollback",
            problems);
      }
    }
    return problems;
  }

  private static void ciJobProblems(
      String field,
      String named,
      String repository,
      String pipeline,
      String releaseCi,
      List<FieldProblem> problems) {
    String ci = named == null ? releaseCi : named;
    if ("gitlab".equals(ci)) {
      // On a GitLab release, the release's repository is its GitLab project.
      if ((repository == null || repository.isBlank()) && !"gitlab".equals(releaseCi)) {
        problems.add(
            new FieldProblem(field + ".repository", "is required: a GitLab job names its project"));
      }
    } else if ("jenkins".equals(ci)) {
      requireText(field + ".pipeline", pipeline, "a Jenkins job (the job's name)", problems);
    } else if (ci == null || "github".equals(ci)) {
      if (repository != null && !repository.matches(GITHUB_REPOSITORY)) {
        problems.add(new FieldProblem(field + ".repository", "must be owner/name on GitHub"));
      }
      if (pipeline == null || !pipeline.matches(StartRelease.WORKFLOW_FILE)) {
        problems.add(
            new FieldProblem(
                field + ".pipeline",
                "is required for a GitHub job: a workflow file name such as deploy.yml"));
      }
    }
  }

  private static void requireText(
      String field, String text, String what, List<FieldProblem> problems) {
    if (text == null || text.isBlank()) {
      problems.add(new FieldProblem(field, "is required for " + what));
    }
  }
}
