// A running release stopped at an incident (an outside system failed past its retries, say):
// where and why, and the two ways on that a release manager decides between, each with a
// justification the decision log keeps: run the step again once the system is back, or abort.
import { post } from '../api.js';
import { el, fact, show } from '../ui.js';

/**
 * The incident's card. What the person's action led to goes to `outcome`, which outlives the card:
 * a retried release no longer stands at the incident, and the card goes away on the next refresh.
 */
export function stoppedCard(base, incident, outcome, onDone) {
  const why = el('textarea', {
    id: 'stopped-justification',
    name: 'justification',
    rows: '3',
    maxlength: '2000',
    'aria-describedby': 'stopped-justification-help',
  });
  const buttons = [
    el('button', { type: 'submit', id: 'retry-step', value: 'retry' }, 'Retry step'),
    el('button', { type: 'submit', id: 'abort-release', value: 'abort', class: 'danger' }, 'Abort release'),
  ];
  const form = el('form', { novalidate: true, onsubmit: submit },
    el('label', { for: 'stopped-justification' }, 'Justification'),
    why,
    el('p', { id: 'stopped-justification-help', class: 'help' },
      'Why the step may run again now, or why the release stops. The decision log keeps it with your name and the incident as shown here.'),
    el('div', { class: 'actions' }, buttons));

  async function submit(event) {
    event.preventDefault();
    const action = event.submitter?.value === 'abort' ? 'abort' : 'retry';
    const justification = why.value.trim();
    if (!justification) {
      show(outcome, el('p', { class: 'state error', role: 'alert' }, 'Write a justification first: the decision log records why.'));
      why.focus();
      return;
    }
    buttons.forEach((b) => { b.disabled = true; });
    show(outcome, el('p', { class: 'state loading', role: 'status' }, action === 'retry' ? 'Retrying the step…' : 'Aborting the release…'));
    try {
      const release = action === 'retry'
        ? await post(`${base}/retry`, { justification })
        : await post(`${base}/abort`, { reason: justification });
      show(outcome, el('p', { class: 'state done', role: 'status' }, done(action, release)));
      onDone();
    } catch (e) {
      buttons.forEach((b) => { b.disabled = false; });
      show(outcome, el('div', { class: 'problem', role: 'alert' },
        el('h2', {}, action === 'retry' ? 'Not retried' : 'Not aborted'), el('p', {}, e.message)));
    }
  }

  return el('section', { class: 'card', id: 'stopped', 'aria-labelledby': 'stopped-heading' },
    el('h2', { id: 'stopped-heading' }, 'Stopped at an incident'),
    el('dl', { class: 'facts' },
      fact('Step', incident.element || '—'),
      fact('Kind', incident.errorType || '—'),
      fact('What went wrong', el('span', { id: 'stopped-message' }, incident.message || '—'))),
    form);
}

function done(action, release) {
  if (action === 'retry') {
    return `Retried: ${release.currentStep || 'the step'} runs again; the decision log records who retried it and why.`;
  }
  return release.endedAt
    ? `Aborted: the release ended ${release.state}.`
    : 'Aborting: the release undoes what ran before it ends.';
}
