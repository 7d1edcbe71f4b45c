package io.rollgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a process has used so far, as Linux counts it under {@code /proc/<pid>}. */
record ProcessFigures(double cpuSeconds, long peakRssMib) {

  /** Clock ticks per second of {@code utime} and {@code stime}; 100 on Linux everywhere. */
  private static final double CLOCK_TICKS = 100.0;

  static ProcessFigures of(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    // fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
    long peakKib = 0;
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmHWM:")) {
        peakKib = Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return new ProcessFigures(cpu, peakKib / 1024);
  }
}
