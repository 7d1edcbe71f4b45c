package io.rollgate.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rollgate}: the gate API from a pipeline step or a terminal. Reads {@code ROLLGATE_URL} and
 * {@code ROLLGATE_TOKEN} from the environment and never prints the token.
 */
@Command(
    name = "rollgate",
    mixinStandardHelpOptions = true,
    version = "rollgate 0.1.0",
    description = "Start releases, wait for their gates and report deploys to Rollgate.",
    subcommands = {
      ReleaseCommands.class,
      GateCommands.class,
      DeploymentCommands.class,
      EvidenceCommands.class,
      TokenCommands.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  ROLLGATE_URL    the Rollgate service, e.g. https://rollgate.example.com",
      "  ROLLGATE_TOKEN  an API token (rg_...); sent as a bearer token, never printed"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:released, or the gate said GO",
      "1:NO-GO, rejected, rolled back or aborted; evidence that does not verify",
      "2:error: network, authentication or bad input (one line on stderr says which)",
      "3:timed out waiting (--timeout)"
    })
public final class Rollgate implements Runnable {

  @Spec CommandSpec spec;

  final Map<String, String> env;
  final PrintWriter out;
  final PrintWriter err;

  Rollgate(Map<String, String> env, PrintWriter out, PrintWriter err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, System.getenv(), out, err));
  }

  /** Runs one command line; the exit code. */
  public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    Rollgate root = new Rollgate(env, out, err);
    CommandLine cli = new CommandLine(root);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(e -> ExitCode.ERROR);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof CliException failure) {
            err.println("rollgate: " + failure.getMessage());
            err.flush();
            out.flush();
            return failure.exitCode();
          }
          err.println("rollgate: " + e);
          err.flush();
          return ExitCode.ERROR;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    spec.commandLine().usage(out);
  }

  GateApi api() {
    return GateApi.fromEnvironment(env);
  }

  /** A note for people on stderr, so that stdout stays what scripts parse. */
  void note(String line) {
    synchronized (err) {
      err.println(line);
      err.flush();
    }
  }

  void print(String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
