// Rollgate gate, a Jenkins shared-library step: starts a release of the build's commit, waits until
// Rollgate ends it and fails the build unless it was released (or the gate said GO).
//
//   @Library('rollgate') _
//   def gate = rollgateGate(service: 'checkout', version: env.TAG_NAME ?: env.GIT_COMMIT.take(12))
//   echo "release ${gate.releaseId}: ${gate.verdict}, change ${gate.changeNumber}"
//
// Arguments: service (required), version, commit (default GIT_COMMIT), environment ('production'),
// changeModel ('normal'), flag (the service), waves ('1,10,50,100'), bakeTime ('10m'), repository
// (owner/name, default from GIT_URL), timeout ('2h'), credentialsId of a secret text with the pipeline token
// ('rollgate-token'), url (default env.ROLLGATE_URL), cliJar (default env.ROLLGATE_CLI_JAR or
// 'rollgate-cli.jar'), failBuild (true), testPassRatio (0 to 1, default env.ROLLGATE_TEST_PASS_RATIO;
// readiness is NO-GO without it), runbookUrl, rollbackPlanUrl, testReportUrl (default the env's
// ROLLGATE_* values, else the links configured for the service in Rollgate), plan (a JSON or YAML
// file in the workspace with the cutover steps and rollout as the gate API takes them; its waves and
// bake time win over waves and bakeTime), windowStart and windowEnd (ISO 8601, the change window).
// Returns [releaseId, verdict, changeNumber, exitCode].
// Exit codes: 0 released / GO, 1 NO-GO, rejected, rolled back or aborted, 2 error, 3 timed out.

def call(Map args = [:]) {
  if (!args.service) {
    error 'rollgateGate: service is required'
  }
  def settings = [
    "ROLLGATE_SERVICE=${args.service}",
    "ROLLGATE_VERSION=${args.version ?: env.TAG_NAME ?: env.GIT_COMMIT?.take(12)}",
    "ROLLGATE_COMMIT=${args.commit ?: env.GIT_COMMIT}",
    "ROLLGATE_ENVIRONMENT=${args.environment ?: 'production'}",
    "ROLLGATE_CHANGE_MODEL=${args.changeModel ?: 'normal'}",
    "ROLLGATE_FLAG=${args.flag ?: args.service}",
    "ROLLGATE_WAVES=${args.waves ?: '1,10,50,100'}",
    "ROLLGATE_BAKE_TIME=${args.bakeTime ?: '10m'}",
    "ROLLGATE_REPOSITORY=${args.repository ?: repositoryOf(env.GIT_URL)}",
    "ROLLGATE_TIMEOUT=${args.timeout ?: '2h'}",
    "ROLLGATE_TEST_PASS_RATIO=${args.testPassRatio ?: env.ROLLGATE_TEST_PASS_RATIO ?: ''}",
    "ROLLGATE_RUNBOOK_URL=${args.runbookUrl ?: env.ROLLGATE_RUNBOOK_URL ?: ''}",
    "ROLLGATE_ROLLBACK_PLAN_URL=${args.rollbackPlanUrl ?: env.ROLLGATE_ROLLBACK_PLAN_URL ?: ''}",
    "ROLLGATE_TEST_REPORT_URL=${args.testReportUrl ?: env.ROLLGATE_TEST_REPORT_URL ?: ''}",
    "ROLLGATE_PLAN=${args.plan ?: env.ROLLGATE_PLAN ?: ''}",
    "ROLLGATE_WINDOW_START=${args.windowStart ?: env.ROLLGATE_WINDOW_START ?: ''}",
    "ROLLGATE_WINDOW_END=${args.windowEnd ?: env.ROLLGATE_WINDOW_END ?: ''}",
    "ROLLGATE_URL=${args.url ?: env.ROLLGATE_URL}",
    "ROLLGATE_CLI_JAR=${args.cliJar ?: env.ROLLGATE_CLI_JAR ?: 'rollgate-cli.jar'}",
  ]
  def result = [:]
  withEnv(settings) {
    withCredentials([string(credentialsId: args.credentialsId ?: 'rollgate-token', variable: 'ROLLGATE_TOKEN')]) {
      int code = sh(returnStatus: true, label: 'Rollgate gate', script: '''
        rollgate() { java -jar "$ROLLGATE_CLI_JAR" "$@"; }
        rollgate release start --service "$ROLLGATE_SERVICE" --version "$ROLLGATE_VERSION" --commit "$ROLLGATE_COMMIT" --env "$ROLLGATE_ENVIRONMENT" --change-model "$ROLLGATE_CHANGE_MODEL" --flag "$ROLLGATE_FLAG" --repository "$ROLLGATE_REPOSITORY" --wait --timeout "$ROLLGATE_TIMEOUT" --output json > rollgate-events.jsonl
      ''')
      def lines = readFile('rollgate-events.jsonl').readLines()
      echo lines.join('\n')
      result.exitCode = code
      if (!lines.isEmpty()) {
        result.releaseId = readJSON(text: lines.first()).id
        result.verdict = readJSON(text: lines.last()).state
      }
      if (result.releaseId) {
        withEnv(["ROLLGATE_RELEASE_ID=${result.releaseId}"]) {
          def status = sh(returnStdout: true, label: 'Rollgate release status', script: '''
            rollgate() { java -jar "$ROLLGATE_CLI_JAR" "$@"; }
            rollgate release status "$ROLLGATE_RELEASE_ID" --output json
          ''')
          result.changeNumber = readJSON(text: status).changeNumber
        }
      }
      if (code == 3) {
        result.verdict = 'TIMED_OUT'
      }
      if (code != 0 && args.failBuild != false) {
        error "Rollgate gate: release ${result.releaseId ?: '(none)'} ended ${result.verdict ?: 'with an error'} (exit ${code})"
      }
    }
  }
  return result
}

/** owner/name of a clone URL: https://github.com/acme/shop.git and git@github.com:acme/shop both give acme/shop. */
@NonCPS
static String repositoryOf(String gitUrl) {
  def m = (gitUrl ?: '') =~ /[:\/]([^\/:]+\/[^\/]+?)(\.git)?\/?$/
  return m.find() ? m.group(1) : ''
}
