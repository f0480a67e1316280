// Small DOM helpers: every text goes through textContent, never innerHTML.

export const $ = (id) => document.getElementById(id);

export function setText(id, value) {
  const node = $(id);
  if (node) node.textContent = value ?? '—';
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(String(child ?? '')));
  }
  return node;
}

export function replaceRows(tbodyId, rows, emptyText, columns) {
  const body = $(tbodyId);
  body.replaceChildren(...rows);
  if (rows.length === 0) {
    body.append(el('tr', {}, el('td', { colspan: String(columns), class: 'muted' }, emptyText)));
  }
}

/** The badge class of an HA state: active, passive, suspended, ... */
export function stateClass(state) {
  return 'state-' + String(state || 'unknown').toLowerCase().replace(/[^a-z-]/g, '');
}

export function setState(id, state) {
  const node = $(id);
  node.textContent = state || 'unknown';
  node.className = node.className.replace(/\bstate-(?!badge\b)[a-z-]+/g, '').trim() + ' ' + stateClass(state);
}

export function since(epochMs, now = Date.now()) {
  const s = Math.max(0, Math.floor((now - epochMs) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 172800) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} days`;
}

export function stamp(epochMs) {
  const d = new Date(epochMs);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export const yesNo = (b) => (b ? 'yes' : 'no');
