// Task inbox: the user tasks waiting in the engine that this person may act on.
import { get } from '../api.js';
import { el, empty, failure, heading, loading, show, table, when } from '../ui.js';

export function tasksPage(main) {
  const region = el('div', { 'aria-live': 'polite' }, loading('tasks'));
  main.replaceChildren(heading('Tasks'), region);
  get('/api/v1/tasks')
    .then(({ items }) => {
      if (!items.length) {
        show(region, empty('No task is waiting: nothing to decide right now.'));
        return;
      }
      show(
        region,
        table(
          'Tasks waiting for a decision',
          ['Task', 'Release', 'Service', 'Waiting since', 'For'],
          items.map((t) => [
            el('a', { href: `#/tasks/${encodeURIComponent(t.key)}` }, t.name),
            el('a', { href: `#/releases/${encodeURIComponent(t.releaseId)}` }, t.releaseId),
            t.service,
            when(t.createdAt),
            t.assignee || (t.candidateGroups || []).join(', ') || '—',
          ]),
        ),
      );
    })
    .catch((e) => show(region, failure(e)));
}
