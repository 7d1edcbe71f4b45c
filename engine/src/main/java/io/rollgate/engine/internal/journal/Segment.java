package io.rollgate.engine.internal.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One journal file. It is named by the position of its first record, so the files sort in log order
 * and an empty segment still tells which position comes next.
 */
record Segment(Path path, long firstPosition) {

  private static final Logger LOG = LoggerFactory.getLogger(Segment.class);
  private static final Pattern NAME = Pattern.compile("journal-(\\d{20})\\.log");

  static Segment in(Path dir, long firstPosition) {
    return new Segment(
        dir.resolve(String.format("journal-%020d.log", firstPosition)), firstPosition);
  }

  /** The segment files in {@code dir}, oldest first; other files are left alone. */
  static List<Segment> list(Path dir) throws IOException {
    List<Segment> segments = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "journal-*.log")) {
      for (Path file : files) {
        Matcher name = NAME.matcher(file.getFileName().toString());
        if (!name.matches()) {
          continue;
        }
        try {
          segments.add(new Segment(file, Long.parseLong(name.group(1))));
        } catch (NumberFormatException e) {
          LOG.warn("Ignoring {}: its position does not fit a long", file);
        }
      }
    }
    segments.sort(Comparator.comparingLong(Segment::firstPosition));
    return segments;
  }
}
