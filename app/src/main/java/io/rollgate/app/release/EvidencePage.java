package io.rollgate.app.release;

import io.rollgate.app.record.CanonicalJson;
import io.rollgate.app.record.ChainVerification;
import io.rollgate.app.record.GateVerdict;
import io.rollgate.app.record.ReleaseRecord;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.util.HtmlUtils;

/**
 * The evidence pack as a self-contained printable page for people: the release record, each gate's
 * verdict and reasons, each decision with the hashes it was recorded under, and, for those who may
 * check the decision log ({@link #LOG_CHECK}), the chain check of this release's entries. No
 * scripts; every value is HTML-escaped.
 */
final class EvidencePage {

  /** Where the whole decision log is checked; who may call it sees this release's check. */
  static final String LOG_CHECK = "/api/v1/audit/verify";

  private static final String STYLE =
      "body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#111}"
          + "h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #999}"
          + "table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:4px 6px;"
          + "text-align:left;vertical-align:top}th{background:#eee}"
          + "code{font:12px ui-monospace,monospace;word-break:break-all}"
          + ".intact{color:#075}.broken{color:#a00;font-weight:bold}"
          + "@media print{body{margin:0}th{background:none}}";

  private final StringBuilder html = new StringBuilder();

  private EvidencePage() {}

  /**
   * The page for this pack, with the chain check of its entries made when it was rendered; null
   * leaves the check out.
   */
  static String render(EvidencePack pack, ChainVerification chain) {
    return new EvidencePage().page(pack, chain);
  }

  private String page(EvidencePack pack, ChainVerification chain) {
    ReleaseRecord release = pack.release();
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(escape("Evidence pack " + release.id()))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>");
    html.append("<h1>Evidence pack of release ").append(escape(release.id())).append("</h1>");
    html.append("<p>")
        .append(escape(pack.format()))
        .append(", generated ")
        .append(escape(pack.generatedAt()))
        .append("</p>");
    releaseRecord(release);
    gates(release);
    decisions(pack);
    if (chain != null) {
      chainCheck(chain);
    }
    html.append(
            "<h2>Verify</h2><p>Recompute every snapshot and entry hash of this release offline"
                + " with the CLI: <code>rollgate evidence get ")
        .append(escape(release.id()))
        .append(" --verify</code>. The whole decision log is checked by <code>GET ")
        .append(LOG_CHECK)
        .append("</code>.</p>");
    return html.append("</body></html>").toString();
  }

  private void releaseRecord(ReleaseRecord release) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("Service", release.service());
    fields.put("Version", release.version());
    fields.put("Commit", release.commitSha());
    fields.put("Environment", release.environment());
    fields.put("Change model", release.changeModel());
    fields.put("Requested by", release.requestedBy());
    fields.put("Change", release.changeNumber());
    fields.put("State", release.state());
    fields.put("Outcome", release.outcome());
    fields.put("Rollout reached", release.wavePercent() + "%");
    fields.put("Created", release.createdAt());
    fields.put("Ended", release.endedAt());
    html.append("<h2>Release</h2><table>");
    fields.forEach(
        (name, value) -> {
          html.append("<tr><th>").append(escape(name)).append("</th><td>");
          html.append(escape(value)).append("</td></tr>");
        });
    html.append("</table>");
    if (!release.plan().isEmpty()) {
      html.append("<h2>Plan</h2><table>");
      release.plan().forEach(this::planEntry);
      html.append("</table>");
    }
  }

  /**
   * One entry of the release's plan as people read it: a list of steps as a table with a column per
   * field, a list of values (the waves) as a list, a map as its fields.
   */
  private void planEntry(String name, Object value) {
    html.append("<tr><th>").append(escape(name)).append("</th><td>");
    if (value instanceof List<?> list
        && !list.isEmpty()
        && list.stream().allMatch(Map.class::isInstance)) {
      steps(list);
    } else if (value instanceof List<?> list) {
      html.append(escape(String.join(", ", list.stream().map(String::valueOf).toList())));
    } else if (value instanceof Map<?, ?> map) {
      steps(List.of(map));
    } else {
      html.append(escape(value));
    }
    html.append("</td></tr>");
  }

  /**
   * Maps as a table: one row each, a column for every field any of them has, in first-seen order.
   */
  private void steps(List<?> maps) {
    Set<Object> columns = new LinkedHashSet<>();
    maps.forEach(map -> columns.addAll(((Map<?, ?>) map).keySet()));
    html.append("<table class=\"plan\"><tr>");
    columns.forEach(column -> html.append("<th>").append(escape(column)).append("</th>"));
    html.append("</tr>");
    for (Object map : maps) {
      html.append("<tr>");
      for (Object column : columns) {
        Object cell = ((Map<?, ?>) map).get(column);
        Object shown = cell instanceof Map || cell instanceof List ? CanonicalJson.of(cell) : cell;
        html.append("<td>").append(escape(shown)).append("</td>");
      }
      html.append("</tr>");
    }
    html.append("</table>");
  }

  private void gates(ReleaseRecord release) {
    html.append("<h2>Gates</h2><table><tr><th>Gate</th><th>Verdict</th><th>Reasons</th>")
        .append("<th>Decided by</th><th>Decided at</th></tr>");
    for (GateVerdict gate : release.gates()) {
      row(gate.gate(), gate.verdict(), gate.justification(), gate.actor(), gate.decidedAt());
    }
    html.append("</table>");
  }

  private void decisions(EvidencePack pack) {
    html.append("<h2>Decisions</h2><table><tr><th>#</th><th>Gate</th><th>Decision</th>")
        .append("<th>Who</th><th>When</th><th>Why</th><th>Evidence hash</th>")
        .append("<th>Entry hash</th></tr>");
    for (EvidencePack.Entry entry : pack.entries()) {
      html.append("<tr class=\"decision\">");
      cells(
          entry.sequence(),
          entry.gate(),
          entry.decision(),
          entry.actor(),
          entry.decidedAt(),
          entry.justification());
      html.append("<td><code class=\"evidence-hash\">")
          .append(escape(entry.evidenceHash()))
          .append("</code></td><td><code class=\"entry-hash\">")
          .append(escape(entry.entryHash()))
          .append("</code></td></tr>");
    }
    html.append("</table>");
  }

  private void chainCheck(ChainVerification chain) {
    html.append("<h2>Decision log chain check</h2>");
    if (chain.intact()) {
      html.append("<p class=\"intact\">Intact for this release: ")
          .append(chain.entriesChecked())
          .append(" entries checked; each one's evidence hash and entry hash hold, and so do its")
          .append(" links to the entries before and after it.</p>");
    } else {
      html.append("<p class=\"broken\">Broken at entry ")
          .append(escape(chain.firstBrokenSequence()))
          .append(" (release ")
          .append(escape(chain.firstBrokenReleaseId()))
          .append("): ")
          .append(escape(chain.reason()))
          .append("</p>");
    }
  }

  private void row(Object... values) {
    html.append("<tr>");
    cells(values);
    html.append("</tr>");
  }

  private void cells(Object... values) {
    for (Object value : values) {
      html.append("<td>").append(escape(value)).append("</td>");
    }
  }

  private static String escape(Object value) {
    return value == null ? "" : HtmlUtils.htmlEscape(String.valueOf(value), "UTF-8");
  }
}
