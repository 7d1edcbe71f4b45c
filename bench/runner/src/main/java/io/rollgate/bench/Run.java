package io.rollgate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark run as {@code bench/RESULTS.md} records it: when, at which commit, the machine's
 * load before and after, the command that reproduces it, and its figures.
 */
final class Run {

  private final String title;
  private final Instant started;
  private final String loadBefore;
  private final List<String> lines = new ArrayList<>();

  private Run(String title, Instant started, String loadBefore) {
    this.title = title;
    this.started = started;
    this.loadBefore = loadBefore;
  }

  static Run begin(String title) {
    return new Run(title, Instant.now().truncatedTo(ChronoUnit.SECONDS), loadAverage());
  }

  /** A line of the figures (Markdown); printed as it comes, so a long run shows progress. */
  Run line(String line) {
    System.out.println(line);
    lines.add(line);
    return this;
  }

  void appendTo(Path results) throws IOException, InterruptedException {
    StringBuilder text = new StringBuilder();
    text.append("\n## ").append(title).append(", ").append(started).append("\n\n");
    text.append("- commit `").append(commit()).append("`\n");
    text.append("- load (`/proc/loadavg`) before: `").append(loadBefore).append("`, after: `");
    text.append(loadAverage()).append("`; ");
    text.append(Runtime.getRuntime().availableProcessors()).append(" cores\n");
    text.append("- command: `").append(command()).append("`\n\n");
    lines.forEach(l -> text.append(l).append('\n'));
    Files.writeString(
        results,
        text.toString(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    System.out.println("appended to " + results.toAbsolutePath());
  }

  /** The command that runs this benchmark again with the same settings. */
  private static String command() {
    return "./mvnw -B -ntp -Pbench -pl bench/operaton,bench/runner -am -DskipTests verify"
        + " -Dbench.run="
        + System.getProperty("bench.run")
        + " -Dbench.sizes="
        + System.getProperty("bench.sizes")
        + " -Dbench.release-timeout="
        + System.getProperty("bench.release-timeout")
        + " -Dbench.instances="
        + System.getProperty("bench.instances");
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  /** The commit, and whether the working tree differed from it (results files aside). */
  private static String commit() throws IOException, InterruptedException {
    String head = git("rev-parse", "--short", "HEAD");
    String changed = git("status", "--porcelain", "--", ".", ":!bench/RESULTS.md");
    return changed.isEmpty() ? head : head + " plus uncommitted changes";
  }

  private static String git(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(arguments));
    Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (git.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + ": " + out);
    }
    return out;
  }
}
