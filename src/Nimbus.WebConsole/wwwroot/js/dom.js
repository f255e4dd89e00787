// A tiny element builder: h('td', { class: 'num' }, '42'). Strings become text nodes, so nothing a user or a
// function put in a name, a log line or an item is ever interpreted as HTML.
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function table(headers, rows) {
  return h('table', {},
    h('thead', {}, h('tr', {}, headers.map(x => (typeof x === 'string' ? h('th', {}, x) : h('th', { class: x.class }, x.label))))),
    h('tbody', {}, rows.length ? rows : [h('tr', {}, h('td', { colspan: headers.length, class: 'muted' }, 'Nothing here yet'))]));
}

export function definitionList(pairs) {
  return h('dl', { class: 'kv' }, pairs.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));
}

export function money(value) {
  return '$' + (value ?? 0).toFixed(value > 0 && value < 0.01 ? 6 : 2);
}

export function errorBox(error) {
  return h('p', { class: 'error', role: 'alert' }, String(error.message ?? error));
}
