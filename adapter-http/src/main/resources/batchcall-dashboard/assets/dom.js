// Small DOM helpers. Every user-supplied value goes in as text (textContent), never as markup.

export const $ = (selector, root = document) => root.querySelector(selector);

/** An element with attributes and children (strings become text nodes). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'className') el.className = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function rows(tbody, items, cells, empty = 'Nothing here yet.') {
  tbody.replaceChildren(...(items.length ? items.map((item) => h('tr', {}, cells(item).map((c) => h('td', {}, c))))
    : [h('tr', {}, h('td', { colspan: tbody.parentElement.tHead.rows[0].cells.length, className: 'muted' }, empty))]));
}

export function figures(dl, pairs) {
  dl.replaceChildren(...pairs.map(([term, value, id]) => h('div', {}, h('dt', {}, term), h('dd', { 'data-figure': id }, value))));
}

export const number = (n) => (n === null || n === undefined ? '—' : Number(n).toLocaleString('en-US'));

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** A pager: "Page p of n" with previous/next buttons calling go(page). */
export function pager(el, page, pageSize, total, go, label) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  el.replaceChildren(
    h('button', { type: 'button', disabled: page <= 1, onclick: () => go(page - 1), 'aria-label': `Previous ${label} page` }, '← Previous'),
    h('span', {}, `Page ${page} of ${number(pages)} (${number(total)} ${label})`),
    h('button', { type: 'button', disabled: page >= pages, onclick: () => go(page + 1), 'aria-label': `Next ${label} page` }, 'Next →'));
}

let toastTimer;
export function toast(message) {
  const el = $('#toast');
  el.textContent = message;
  el.classList.add('shown');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('shown'), 4000);
}

export const STATUSES = ['pending', 'queued', 'dialing', 'completed', 'no_answer', 'busy', 'timeout', 'blocked',
  'invalid_number', 'carrier_error', 'failed', 'cancelled'];
