// Small DOM helpers and the three states every page shows: loading, empty and error.

/** el('a', {href: '#/x', class: 'c'}, 'text', child) */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), value);
    } else if (value === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

export function loading(what) {
  return el('p', { class: 'state loading', role: 'status' }, `Loading ${what}…`);
}

export function empty(text) {
  return el('p', { class: 'state empty' }, text);
}

export function failure(error) {
  return el('p', { class: 'state error', role: 'alert' }, error.message || String(error));
}

/** Replaces what a region shows. */
export function show(region, ...children) {
  region.replaceChildren(...children);
}

/** A page's main heading; focused so keyboard and screen reader users land on the new page. */
export function heading(text) {
  return el('h1', { tabindex: '-1' }, text);
}

export function when(instant) {
  if (!instant) {
    return '—';
  }
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : date.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

/** One term and its value in a `dl class="facts"`. */
export function fact(term, ...value) {
  return el('div', {}, el('dt', {}, term), el('dd', {}, ...value));
}

/** A table with a caption and column headers; rows are arrays of cells (text or nodes). */
export function table(caption, columns, rows) {
  return el(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-label': caption, tabindex: '0' },
    el(
      'table',
      {},
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, c)))),
      el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c))))),
    ),
  );
}
