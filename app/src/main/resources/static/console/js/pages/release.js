// Release page: where the release is in its BPMN process (bpmn-js), the timeline live from the
// event stream, each gate's verdict with its reasons, the ServiceNow change and LaunchDarkly flag,
// the decision log and the evidence pack; a release stopped at an incident, with its retry and abort.
import { download, get } from '../api.js';
import { follow } from '../events.js';
import { el, empty, fact, failure, heading, loading, show, table, when } from '../ui.js';
import { stoppedCard } from './stopped.js';

export function releasePage(main, id) {
  const base = `/api/v1/releases/${encodeURIComponent(id)}`;
  const summary = el('div', { 'aria-live': 'polite' }, loading('the release'));
  const stopped = el('div');
  const stoppedOutcome = el('div', { id: 'stopped-outcome', 'aria-live': 'polite' });
  const diagram = el('div', { class: 'diagram', id: 'diagram' });
  const diagramState = el('div', { id: 'diagram-state' }, loading('the diagram'));
  const timeline = el('ol', { class: 'timeline', id: 'timeline', 'aria-live': 'polite' });
  const timelineState = el('div', {}, loading('the timeline'));
  const decisions = el('div', {}, loading('the decision log'));
  const downloadState = el('span', { role: 'status' });
  main.replaceChildren(
    heading(`Release ${id}`),
    summary,
    stopped,
    stoppedOutcome,
    el('section', { class: 'card', 'aria-labelledby': 'diagram-heading' },
      el('h2', { id: 'diagram-heading' }, 'Where it is'), diagramState, diagram),
    el('div', { class: 'columns' },
      el('section', { class: 'card', 'aria-labelledby': 'timeline-heading' },
        el('h2', { id: 'timeline-heading' }, 'Timeline'), timelineState, timeline),
      el('section', { class: 'card', 'aria-labelledby': 'decisions-heading' },
        el('h2', { id: 'decisions-heading' }, 'Decision log'), decisions,
        el('button', { type: 'button', id: 'download-evidence', onclick: () => evidence('application/json', 'json') },
          'Download evidence pack (JSON)'),
        el('button', { type: 'button', id: 'download-evidence-html', onclick: () => evidence('text/html', 'html') },
          'Evidence pack (HTML)'),
        downloadState)),
  );

  let viewer = null;
  let refreshTimer = null;
  const refresh = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => { loadRelease(); loadDiagram(); loadDecisions(); }, 300);
  };

  function loadRelease() {
    return get(base)
      .then((r) => {
        show(summary, overview(r));
        showStopped(r.endedAt ? null : r.incident);
      })
      .catch((e) => show(summary, failure(e)));
  }

  // drawn again only for another incident, so that a justification being written stays
  let shownIncident = null;
  function showStopped(incident) {
    const key = incident ? JSON.stringify(incident) : null;
    if (key === shownIncident) {
      return;
    }
    shownIncident = key;
    if (incident) {
      show(stopped, stoppedCard(base, incident, stoppedOutcome, refresh));
    } else {
      show(stopped);
    }
  }

  async function loadDiagram() {
    try {
      const d = await get(`${base}/diagram`);
      if (!viewer) {
        viewer = new window.BpmnJS({ container: diagram });
        await viewer.importXML(d.xml);
        viewer.get('canvas').zoom('fit-viewport');
      }
      highlight(viewer, d);
      show(diagramState, el('p', { class: 'help' },
        d.activeElementIds.length ? `Waiting in: ${names(viewer, d.activeElementIds).join(', ')}` : 'Not waiting anywhere: the process ended.'));
    } catch (e) {
      show(diagramState, failure(e));
    }
  }

  function loadDecisions() {
    return get(`${base}/decisions`)
      .then((entries) => show(decisions, entries.length
        ? table('Decisions, in the order recorded', ['#', 'Gate', 'Decision', 'By', 'Why', 'When'],
            entries.map((d) => [String(d.sequence), d.gate, d.decision, d.actor, d.justification || '—', when(d.decidedAt)]))
        : empty('No decision recorded yet.')))
      .catch((e) => show(decisions, failure(e)));
  }

  async function evidence(accept, extension) {
    show(downloadState, 'Downloading…');
    try {
      await download(`${base}/evidence`, `${id}-evidence.${extension}`, accept);
      show(downloadState, 'Downloaded.');
    } catch (e) {
      show(downloadState, failure(e));
    }
  }

  loadRelease();
  loadDiagram();
  loadDecisions();
  show(timelineState, empty('No event yet.'));
  const stop = follow(`${base}/events`, {
    onEvent: (event) => {
      timelineState.replaceChildren();
      timeline.append(item(event));
      refresh();
    },
    onError: (e) => show(timelineState, failure(new Error(`The live timeline stopped (${e.message}); reconnecting…`))),
    onEnd: () => {
      show(timelineState, el('p', { class: 'help' }, 'The release ended; the timeline is complete.'));
    },
  });
  return () => {
    stop();
    clearTimeout(refreshTimer);
    viewer?.destroy();
  };
}

function overview(r) {
  const gates = r.gates.length
    ? table('Gate verdicts', ['Gate', 'Verdict', 'Why', 'By', 'When'],
        r.gates.map((g) => [g.gate, el('span', { class: `badge ${g.verdict}` }, g.verdict), g.justification || '—', g.actor, when(g.decidedAt)]))
    : empty('No gate decided yet.');
  const links = Object.entries(r.links || {})
    .filter(([name]) => !['self', 'decisions', 'evidence', 'events', 'change', 'flag'].includes(name))
    .map(([name, url]) => el('li', {}, el('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, name)));
  const change = r.change
    ? [r.change.number || 'not numbered yet', ` (${r.change.state})`]
    : ['none opened yet'];
  const flag = r.plan?.flagKey
    ? [r.plan.flagKey, ` at ${r.rollout?.wavePercent ?? 0} % of ${(r.rollout?.waves || []).join(', ')} %`]
    : ['none'];
  return el('div', {},
    el('dl', { class: 'facts' },
      fact('Service', `${r.service} ${r.version} to ${r.environment}`),
      fact('State', el('span', { class: `badge ${r.state}`, id: 'release-state' }, r.state)),
      fact('Next step', r.currentStep || '—'),
      fact('Requested by', r.requestedBy),
      fact('ServiceNow change', r.links?.change ? el('a', { href: r.links.change, rel: 'noopener noreferrer', target: '_blank' }, ...change) : change),
      fact('LaunchDarkly flag', r.links?.flag ? el('a', { href: r.links.flag, rel: 'noopener noreferrer', target: '_blank' }, ...flag) : flag),
      fact('Started', when(r.createdAt)),
      fact('Outcome', r.outcome || 'still running')),
    links.length ? el('nav', { 'aria-label': 'Outside systems' }, el('ul', { class: 'links' }, links)) : null,
    gates);
}

function item(event) {
  const d = event.data || {};
  const what = {
    'gate-decided': () => `${d.gate}: ${d.verdict}${d.reasons ? ` (${d.reasons})` : ''}`,
    'change-moved': () => `change ${d.changeNumber}: ${d.state}`,
    'wave-set': () => `flag ${d.flagKey ?? ''} serves ${d.percent} %`,
    'health-check': () => `health check at wave ${d.wave}: ${d.verdict}`,
    'deployment-reported': () => `deployment ${d.step ?? ''}: ${d.result ?? ''}`,
    stopped: () => `stopped at ${d.element} (${d.errorType}): ${d.message}`,
    'step-retried': () => `${d.element} retried by ${d.actor}: ${d.justification}`,
    rollback: () => `rollback: ${d.reason}`,
    'release-ended': () => `ended ${d.state}: ${d.outcome}`,
  }[event.type];
  return el('li', {}, el('time', { datetime: d.at }, when(d.at)), ' ', el('strong', {}, event.type), ' ',
    what ? what() : JSON.stringify(d));
}

function names(viewer, ids) {
  const registry = viewer.get('elementRegistry');
  return ids.map((id) => registry.get(id)?.businessObject?.name || id);
}

function highlight(viewer, d) {
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  registry.forEach((element) => {
    canvas.removeMarker(element.id, 'taken');
    canvas.removeMarker(element.id, 'current');
  });
  for (const elementId of [...d.completedElementIds, ...d.takenSequenceFlowIds]) {
    if (registry.get(elementId)) canvas.addMarker(elementId, 'taken');
  }
  for (const elementId of d.activeElementIds) {
    if (registry.get(elementId)) canvas.addMarker(elementId, 'current');
  }
}
