// KPI dashboard: the figures of GET /api/v1/kpis over a chosen period, overall and per service,
// decision latency per gate and approver, and releases per day as a chart. Every figure links to
// the releases behind it; a figure without data says so.
import { get } from '../api.js';
import { el, empty, failure, heading, loading, show, table } from '../ui.js';

const DAY = 24 * 3600 * 1000;

export function dashboardPage(main, params) {
  const today = new Date();
  const iso = (d) => d.toISOString().slice(0, 10);
  const from = el('input', { id: 'kpi-from', type: 'date', value: params.get('from') || iso(new Date(today - 30 * DAY)) });
  const to = el('input', { id: 'kpi-to', type: 'date', value: params.get('to') || iso(today) });
  const service = el('input', { id: 'kpi-service', value: params.get('service') || '' });
  const windowDays = el('input', { id: 'kpi-window', type: 'number', min: '1', max: '90', value: params.get('incidentWindowDays') || '7' });
  const field = (id, label, input) => el('div', { class: 'field' }, el('label', { for: id }, label), input);
  const filters = el('form', { class: 'filters', 'aria-label': 'Period', onsubmit: apply },
    field('kpi-from', 'From', from), field('kpi-to', 'To (inclusive)', to),
    field('kpi-service', 'Service (all when empty)', service),
    field('kpi-window', 'Incident window (days)', windowDays),
    el('button', { type: 'submit' }, 'Show'));
  const region = el('div', { 'aria-live': 'polite' }, loading('the figures'));
  main.replaceChildren(heading('Dashboard'), filters, region);
  let chart = null;

  function apply(event) {
    event.preventDefault();
    const query = new URLSearchParams({ from: from.value, to: to.value, incidentWindowDays: windowDays.value });
    if (service.value.trim()) query.set('service', service.value.trim());
    location.hash = `#/dashboard?${query}`;
  }

  const query = new URLSearchParams({ from: from.value, to: to.value, incidentWindowDays: windowDays.value });
  if (service.value.trim()) query.set('service', service.value.trim());
  get(`/api/v1/kpis?${query}`)
    .then((kpis) => {
      const daily = el('div', { class: 'chart', id: 'daily-chart' });
      show(region,
        el('section', { 'aria-labelledby': 'figures-heading' },
          el('h2', { id: 'figures-heading' }, `${kpis.service || 'All services'}, ${kpis.period.from} to ${kpis.period.to}`),
          figures(kpis.figures)),
        el('section', { class: 'card', 'aria-labelledby': 'daily-heading' },
          el('h2', { id: 'daily-heading' }, 'Releases per day'),
          kpis.daily.length ? daily : empty('No release in this period.'),
          kpis.daily.length ? dailyTable(kpis.daily) : null),
        el('section', { class: 'card', 'aria-labelledby': 'latency-heading' },
          el('h2', { id: 'latency-heading' }, 'Decision latency'), latency(kpis.decisionLatency)),
        ...(kpis.service ? [] : perService(kpis.perService)));
      if (kpis.daily.length) {
        chart = dailyChart(daily, kpis.daily);
      }
    })
    .catch((e) => show(region, failure(e)));
  return () => chart?.destroy();
}

export function format(figure) {
  const v = figure.value;
  if (v === null || v === undefined) return 'no data';
  switch (figure.unit) {
    case 'ratio': return `${(v * 100).toFixed(v === 0 || v === 1 ? 0 : 1)} %`;
    case 'per-day': return `${v.toFixed(2)} / day`;
    case 'seconds': return duration(v);
    default: return String(v);
  }
}

function duration(seconds) {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
}

function releasesLink(ids, text) {
  return ids && ids.length
    ? el('a', { href: `#/releases?ids=${encodeURIComponent(ids.join(','))}` }, text)
    : el('span', {}, 'no release');
}

function figures(list) {
  return el('ul', { class: 'figures' }, list.map((f) => el('li', { class: 'figure card', 'data-key': f.key },
    el('h3', {}, f.label),
    el('p', { class: f.value === null ? 'value none' : 'value' }, format(f)),
    f.denominator ? el('p', { class: 'help' }, `${f.numerator ?? 0} of ${f.denominator}`) : null,
    releasesLink(f.releaseIds, releasesBehind((f.releaseIds || []).length)))));
}

function releasesBehind(count) {
  return count === 1 ? 'the release behind this figure' : `the ${count} releases behind this figure`;
}

function latency(rows) {
  if (!rows.length) return empty('No decision by a person in this period.');
  return table('Decision latency per gate and approver', ['Gate', 'Approver', 'Decisions', 'p50', 'p90', 'Releases'],
    rows.map((r) => [r.gate, r.approver || 'everyone', String(r.count),
      r.p50Seconds == null ? 'no data' : duration(r.p50Seconds),
      r.p90Seconds == null ? 'no data' : duration(r.p90Seconds),
      releasesLink(r.releaseIds, 'releases')]));
}

function perService(services) {
  if (!services.length) return [];
  const keys = services[0].figures.map((f) => f.key);
  const labels = services[0].figures.map((f) => f.label);
  return [el('section', { class: 'card', 'aria-labelledby': 'services-heading' },
    el('h2', { id: 'services-heading' }, 'Per service'),
    table('Figures per service', ['Service', ...labels], services.map((s) => [
      s.service,
      ...keys.map((k) => {
        const f = s.figures.find((x) => x.key === k);
        return f ? releasesLink(f.releaseIds, format(f)) : 'no data';
      }),
    ])))];
}

function dailyTable(daily) {
  return el('details', {}, el('summary', {}, 'The same as a table'),
    table('Releases per day', ['Date', 'Started', 'Succeeded', 'Failed', 'Rolled back'],
      daily.map((d) => [d.date, String(d.started), String(d.succeeded), String(d.failed), String(d.rolledBack)])));
}

function dailyChart(container, daily) {
  const x = daily.map((d) => Date.parse(`${d.date}T00:00:00Z`) / 1000);
  const series = (label, stroke) => ({ label, stroke, width: 2 });
  const width = Math.max(280, Math.min(container.clientWidth || 600, 1100));
  container.setAttribute('role', 'img');
  container.setAttribute('aria-label', 'Releases started, succeeded, failed and rolled back per day');
  return new window.uPlot({
    width, height: 240,
    series: [{}, series('Started', '#1f5fbf'), series('Succeeded', '#1b7f3b'), series('Failed', '#b3261e'), series('Rolled back', '#8a5a00')],
    axes: [{}, { label: 'releases' }],
    scales: { x: { time: true } },
  }, [x, daily.map((d) => d.started), daily.map((d) => d.succeeded), daily.map((d) => d.failed), daily.map((d) => d.rolledBack)], container);
}
