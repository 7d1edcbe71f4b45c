package io.rollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's "Gate a pipeline" shows the CLI's help as the CLI prints it today. */
class ReadmeHelpTest {

  private static String help(String... args) {
    StringWriter out = new StringWriter();
    Rollgate.run(args, Map.of(), new PrintWriter(out, true), new PrintWriter(new StringWriter()));
    return out.toString().strip();
  }

  @Test
  void theReadmeShowsTheCurrentHelpAndExitCodes() throws IOException {
    // given
    String readme = Files.readString(Path.of("..", "README.md"));

    // then
    assertThat(readme).contains("## Gate a pipeline");
    assertThat(readme).contains("$ rollgate --help\n" + help("--help") + "\n");
    assertThat(readme)
        .contains("$ rollgate release start --help\n" + help("release", "start", "--help") + "\n");
  }
}
