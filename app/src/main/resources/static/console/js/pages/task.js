// One task: the shipped Camunda form rendered with form-js over the task's data, its evidence,
// and completion through the API, which applies the same checks as the gate API. A refusal is
// shown on the page in the service's words.
import { download, get, post } from '../api.js';
import { el, failure, heading, loading, show } from '../ui.js';

export function taskPage(main, key) {
  const title = heading('Task');
  const region = el('div', {}, loading('the task'));
  main.replaceChildren(title, region);
  let form = null;

  get(`/api/v1/tasks/${encodeURIComponent(key)}`)
    .then(async (task) => {
      title.textContent = `${task.name}: ${task.service}`;
      const container = el('div', { class: 'form-container' });
      const outcome = el('div', { id: 'task-outcome', 'aria-live': 'polite' });
      const complete = el('button', { type: 'button', id: 'complete-task' }, 'Complete task');
      show(
        region,
        el('p', {}, 'Release ', el('a', { href: `#/releases/${encodeURIComponent(task.releaseId)}` }, task.releaseId)),
        el('section', { class: 'card', 'aria-label': 'Form' }, container, complete, outcome),
        evidence(task.evidence || [], task.releaseId),
      );
      form = new window.FormViewer.Form({ container });
      await form.importSchema(task.form, task.data || {});
      complete.addEventListener('click', () => submit(task, complete, outcome));
    })
    .catch((e) => show(region, failure(e)));

  async function submit(task, button, outcome) {
    const { data, errors } = form.submit();
    if (Object.keys(errors).length) {
      show(outcome, el('p', { class: 'state error', role: 'alert' }, 'Some fields need your attention: see the messages in the form.'));
      return;
    }
    button.disabled = true;
    show(outcome, el('p', { class: 'state loading', role: 'status' }, 'Completing…'));
    try {
      await post(`/api/v1/tasks/${encodeURIComponent(key)}/completion`, { variables: data });
      show(
        outcome,
        el('p', { class: 'state done', role: 'status' }, 'Done: the decision is recorded and the release goes on from it. ',
          el('a', { href: `#/releases/${encodeURIComponent(task.releaseId)}` }, 'Follow the release')),
      );
    } catch (e) {
      button.disabled = false;
      show(outcome, el('div', { class: 'problem', role: 'alert' },
        el('h2', {}, 'Not completed'), el('p', {}, e.message)));
    }
  }

  return () => form?.destroy();
}

// Each entry links to the release's evidence pack, fetched with the signed-in token (a plain link
// would reach the API without it) and handed over as the HTML pack people read.
function evidence(items, releaseId) {
  const state = el('p', { 'aria-live': 'polite' });
  const open = (url) => async (event) => {
    event.preventDefault();
    show(state, 'Downloading…');
    try {
      await download(url, `${releaseId}-evidence.html`, 'text/html');
      show(state, 'Downloaded.');
    } catch (e) {
      show(state, failure(e));
    }
  };
  const list = items.length
    ? el('ul', {}, items.map((e) => el('li', {},
        el('a', { href: e.url, onclick: open(e.url) }, e.name),
        e.sha256 ? el('code', { class: 'hash', title: 'SHA-256' }, ` ${e.sha256}`) : null)))
    : el('p', { class: 'state empty' }, 'No evidence is attached to this task.');
  return el('section', { class: 'card', 'aria-labelledby': 'evidence-heading' },
    el('h2', { id: 'evidence-heading' }, 'Evidence'), list, state);
}
