// Release list, filtered by service, state and creation date; the filters live in the address
// (#/releases?service=...&state=...&from=...&to=...) so a filtered list can be linked.
import { get } from '../api.js';
import { el, empty, failure, heading, loading, show, table, when } from '../ui.js';

const MAX_IDS = 100;
const STATES = ['', 'RUNNING', 'RELEASED', 'ROLLED_BACK', 'REJECTED', 'NOT_READY', 'STOPPED', 'ABORTED', 'FAILED'];

export function releasesPage(main, params) {
  const field = (name, label, input) =>
    el('div', { class: 'field' }, el('label', { for: `filter-${name}` }, label), input);
  const service = el('input', { id: 'filter-service', name: 'service', value: params.get('service') || '' });
  const state = el('select', { id: 'filter-state', name: 'state' },
    STATES.map((s) => el('option', { value: s, selected: s === (params.get('state') || '') }, s || 'any')));
  const from = el('input', { id: 'filter-from', name: 'from', type: 'date', value: params.get('from') || '' });
  const to = el('input', { id: 'filter-to', name: 'to', type: 'date', value: params.get('to') || '' });
  const filters = el('form', { class: 'filters', role: 'search', 'aria-label': 'Filter releases', onsubmit: apply },
    field('service', 'Service', service), field('state', 'State', state),
    field('from', 'Created from', from), field('to', 'Created before', to),
    el('button', { type: 'submit' }, 'Filter'));
  const region = el('div', { 'aria-live': 'polite' }, loading('releases'));
  main.replaceChildren(heading('Releases'), filters, region);

  function apply(event) {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [name, input] of [['service', service], ['state', state], ['from', from], ['to', to]]) {
      if (input.value) {
        query.set(name, input.value.trim());
      }
    }
    location.hash = `#/releases?${query}`;
  }

  const api = new URLSearchParams({ limit: '100' });
  if (params.get('service')) api.set('service', params.get('service'));
  if (params.get('state')) api.set('state', params.get('state'));
  if (params.get('from')) api.set('from', `${params.get('from')}T00:00:00Z`);
  if (params.get('to')) api.set('to', `${params.get('to')}T00:00:00Z`);
  // a dashboard figure links to the releases behind it by their ids
  const ids = params.get('ids') ? params.get('ids').split(',').slice(0, MAX_IDS) : null;
  const found = ids
    ? Promise.all(ids.map((id) => get(`/api/v1/releases/${encodeURIComponent(id)}`)))
        .then((items) => ({ items, total: items.length }))
    : get(`/api/v1/releases?${api}`);

  found
    .then(({ items, total }) => {
      if (!items.length) {
        show(region, empty('No release matches these filters.'));
        return;
      }
      show(region,
        table(ids ? `The releases behind the figure (${items.length})` : `Releases (${items.length} of ${total})`,
          ['Release', 'Service', 'Version', 'State', 'Created', 'Outcome'],
          items.map((r) => [
            el('a', { href: `#/releases/${encodeURIComponent(r.id)}` }, r.id),
            r.service, r.version, el('span', { class: `badge ${r.state}` }, r.state),
            when(r.createdAt), r.outcome || '—',
          ])));
    })
    .catch((e) => show(region, failure(e)));
}
