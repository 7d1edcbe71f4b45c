package io.rollgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's public API is {@link RollgateEngine} (with its builder) and {@link EngineMain};
 * everything else lives under {@code io.rollgate.engine.internal} and may change at any time, so
 * nothing outside the module may use it.
 */
class EngineStructureTest {
  private static final String INTERNAL = "io.rollgate.engine.internal";
  private static final Set<String> PUBLIC_API =
      Set.of(RollgateEngine.class.getName(), EngineMain.class.getName());

  @Test
  void onlyTheEngineAndItsCommandLineAreOutsideTheInternalPackages() throws Exception {
    // given
    List<String> classes = engineClasses();

    // when
    Set<String> outside = new TreeSet<>();
    for (String name : classes) {
      if (!name.startsWith(INTERNAL + ".") && !name.contains("$")) {
        outside.add(name);
      }
    }

    // then
    assertThat(classes).anyMatch(name -> name.startsWith(INTERNAL + ".processor."));
    assertThat(outside).containsExactlyInAnyOrderElementsOf(PUBLIC_API);
  }

  @Test
  void thePublicApiShowsNoInternalType() {
    // given
    List<Executable> members = new ArrayList<>();
    for (Class<?> type : List.of(RollgateEngine.class, RollgateEngine.Builder.class)) {
      Stream.of(type.getMethods()).filter(m -> m.getDeclaringClass() == type).forEach(members::add);
      members.addAll(List.of(type.getConstructors()));
    }

    // when
    Set<String> leaks = new TreeSet<>();
    for (Executable member : members) {
      List<Class<?>> types = new ArrayList<>(List.of(member.getParameterTypes()));
      types.addAll(List.of(member.getExceptionTypes()));
      if (member instanceof Method method) {
        types.add(method.getReturnType());
      }
      for (Class<?> type : types) {
        if (type.getName().startsWith(INTERNAL)) {
          leaks.add(member + " uses " + type.getName());
        }
      }
    }

    // then
    assertThat(leaks).isEmpty();
    assertThat(Modifier.isPublic(RollgateEngine.Builder.class.getModifiers())).isTrue();
  }

  @Test
  void otherModulesUseOnlyThePublicApi() throws IOException {
    // given: the sibling modules of this one, as checked out
    Path root = Path.of("").toAbsolutePath().getParent();
    List<Path> sources = new ArrayList<>();
    for (String module : List.of("app", "processes", "workers", "cli", "connectors")) {
      Path src = root.resolve(module).resolve("src");
      if (Files.isDirectory(src)) {
        try (Stream<Path> files = Files.walk(src)) {
          files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
        }
      }
    }

    // when
    List<String> users = new ArrayList<>();
    for (Path file : sources) {
      if (Files.readString(file).contains(INTERNAL)) {
        users.add(root.relativize(file).toString());
      }
    }

    // then
    assertThat(sources).isNotEmpty();
    assertThat(users).isEmpty();
  }

  @Test
  void internalPackagesDependOnlyAsTheReadmeDraws() throws IOException {
    // given: which internal package may import which (engine/README.md, "Code structure")
    Map<String, Set<String>> allowed =
        Map.of(
            "http", Set.of("processor", "query", "api", "state", "model"),
            "processor", Set.of("state", "model", "feel", "decision", "journal", "api"),
            "api", Set.of("state", "decision"),
            "state", Set.of("model", "decision"),
            "model", Set.of("feel"),
            "decision", Set.of("feel"),
            "journal", Set.of(),
            "query", Set.of(),
            "feel", Set.of());
    Path internal = Path.of("src/main/java/io/rollgate/engine/internal");
    Pattern use = Pattern.compile("io\\.rollgate\\.engine\\.internal\\.(\\w+)\\.");

    // when
    Set<String> unexpected = new TreeSet<>();
    try (Stream<Path> files = Files.walk(internal)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String from = internal.relativize(file).getName(0).toString();
        Matcher m = use.matcher(Files.readString(file));
        while (m.find()) {
          String to = m.group(1);
          if (!to.equals(from) && !allowed.getOrDefault(from, Set.of()).contains(to)) {
            unexpected.add(from + " -> " + to + " (" + file.getFileName() + ")");
          }
        }
      }
    }

    // then
    assertThat(allowed)
        .containsKeys(
            Files.list(internal).map(d -> d.getFileName().toString()).toArray(String[]::new));
    assertThat(unexpected).isEmpty();
  }

  /**
   * Public only where another package needs it: besides the types other packages name, those that
   * appear in the signature of a public member they use (a lambda's target, a public field's type).
   */
  private static final Set<String> PUBLIC_FOR_SIGNATURES =
      Set.of("journal.RecordConsumer", "state.JobQueue");

  @Test
  void internalTypesArePublicOnlyWhereAnotherPackageUsesThem() throws IOException {
    // given: the top-level types of the internal packages and the sources that could use them
    Path main = Path.of("src/main/java/io/rollgate/engine");
    Map<Path, String> sources = new java.util.HashMap<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        sources.put(file, Files.readString(file));
      }
    }
    Pattern declaration =
        Pattern.compile(
            "^public (?:final |sealed |abstract )*(?:class|record|enum|interface) (\\w+)",
            Pattern.MULTILINE);

    // when
    Set<String> needlesslyPublic = new TreeSet<>();
    int publicTypes = 0;
    for (Map.Entry<Path, String> source : sources.entrySet()) {
      Path relative = main.relativize(source.getKey());
      Matcher m = declaration.matcher(source.getValue());
      if (!relative.startsWith("internal") || !m.find()) {
        continue;
      }
      publicTypes++;
      String pkg = relative.getName(1).toString();
      String name = pkg + "." + m.group(1);
      String qualified = INTERNAL + "." + name;
      boolean usedElsewhere =
          sources.entrySet().stream()
              .filter(other -> !other.getKey().getParent().equals(source.getKey().getParent()))
              .anyMatch(other -> other.getValue().contains(qualified));
      if (!usedElsewhere && !PUBLIC_FOR_SIGNATURES.contains(name)) {
        needlesslyPublic.add(name);
      }
    }

    // then
    assertThat(publicTypes).isPositive();
    assertThat(needlesslyPublic).isEmpty();
  }

  /** Every class compiled from the engine's main sources. */
  private static List<String> engineClasses() throws IOException, URISyntaxException {
    Path classes =
        Path.of(RollgateEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (Stream<Path> files = Files.walk(classes)) {
      return files
          .filter(f -> f.toString().endsWith(".class"))
          .map(f -> classes.relativize(f).toString())
          .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
          .filter(name -> !name.endsWith("package-info") && !name.equals("module-info"))
          .sorted()
          .toList();
    }
  }
}
