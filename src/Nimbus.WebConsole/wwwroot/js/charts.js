// Small SVG charts: time-series lines and horizontal bars. Redrawing replaces the SVG, so a live page calls
// draw again with new data and the chart updates without reloading anything.
const SVG = 'http://www.w3.org/2000/svg';
const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2'];

function el(name, attributes = {}, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

function niceMax(value) {
  if (value <= 0) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

function formatNumber(value) {
  if (Math.abs(value) >= 1e6) return (value / 1e6).toFixed(1) + 'M';
  if (Math.abs(value) >= 1e3) return (value / 1e3).toFixed(1) + 'k';
  if (Number.isInteger(value)) return String(value);
  // Costs of a local month are fractions of a cent: two significant digits, not "0.00" on every gridline.
  return Math.abs(value) < 0.01 ? String(Number(value.toPrecision(2))) : value.toFixed(2);
}

/**
 * A line chart of series `[{ name, points: [{ t: Date, v: number }] }]` over [from, to].
 * The container gets role=img and a title so the chart is named for assistive technology and tests.
 */
export function lineChart(container, { title, series, from, to, unit = '', days = false }) {
  const width = 560, height = 210, left = 48, right = 16, top = 40, bottom = 28;
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart line-chart', role: 'img', 'aria-label': title });
  el('text', { x: left, y: 14, class: 'chart-title' }, svg).textContent = title + (unit ? ` (${unit})` : '');
  const max = niceMax(Math.max(0, ...series.flatMap(s => s.points.map(p => p.v))));
  const x = t => left + ((t - from) / Math.max(1, to - from)) * (width - left - right);
  const y = v => height - bottom - (v / max) * (height - top - bottom);
  for (let i = 0; i <= 4; i++) {
    const value = (max * i) / 4;
    el('line', { x1: left, x2: width - right, y1: y(value), y2: y(value), class: 'grid' }, svg);
    el('text', { x: left - 6, y: y(value) + 4, class: 'axis', 'text-anchor': 'end' }, svg).textContent = formatNumber(value);
  }
  for (let i = 0; i <= 3; i++) {
    const t = new Date(from.getTime() + ((to - from) * i) / 3);
    el('text', { x: x(t), y: height - 8, class: 'axis', 'text-anchor': i === 0 ? 'start' : i === 3 ? 'end' : 'middle' }, svg).textContent =
      days ? t.toLocaleDateString([], { month: 'short', day: 'numeric' }) : t.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }
  series.forEach((s, index) => {
    const color = PALETTE[index % PALETTE.length];
    const points = [...s.points].sort((a, b) => a.t - b.t);
    if (points.length > 0) {
      el('polyline', { points: points.map(p => `${x(p.t)},${y(p.v)}`).join(' '), fill: 'none', stroke: color,
        'stroke-width': 2, class: 'series', 'data-series': s.name }, svg);
      for (const p of points) el('circle', { cx: x(p.t), cy: y(p.v), r: 2.5, fill: color }, svg);
    }
    const legendX = left + 130 * index;
    el('rect', { x: legendX, y: 20, width: 10, height: 10, fill: color }, svg);
    el('text', { x: legendX + 14, y: 29, class: 'legend' }, svg).textContent = s.name;
  });
  if (series.every(s => s.points.length === 0)) {
    el('text', { x: width / 2, y: height / 2, class: 'empty', 'text-anchor': 'middle' }, svg).textContent = 'No data in this period';
  }
  container.replaceChildren(svg);
}

/** Horizontal bars `[{ label, value, max?, note? }]`; with `max`, a bar shows the share of a limit (free tier). */
export function barChart(container, { title, bars, format = formatNumber }) {
  const rowHeight = 26, width = 560, labelWidth = 170, top = 24;
  const height = top + rowHeight * Math.max(1, bars.length) + 6;
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart bar-chart', role: 'img', 'aria-label': title });
  el('text', { x: 0, y: 14, class: 'chart-title' }, svg).textContent = title;
  const scale = Math.max(...bars.map(b => b.max ?? b.value), 0) || 1;
  bars.forEach((bar, i) => {
    const y = top + i * rowHeight;
    const limit = bar.max ?? scale;
    el('text', { x: 0, y: y + 16, class: 'axis' }, svg).textContent = bar.label;
    el('rect', { x: labelWidth, y: y + 4, width: width - labelWidth - 90, height: 16, class: 'bar-track' }, svg);
    el('rect', { x: labelWidth, y: y + 4, width: Math.max(1, (width - labelWidth - 90) * Math.min(1, bar.value / limit)),
      height: 16, fill: PALETTE[i % PALETTE.length], class: 'bar', 'data-label': bar.label }, svg);
    el('text', { x: width - 84, y: y + 16, class: 'axis' }, svg).textContent = bar.note ?? format(bar.value);
  });
  if (bars.length === 0) {
    el('text', { x: width / 2, y: top + 16, class: 'empty', 'text-anchor': 'middle' }, svg).textContent = 'Nothing yet';
  }
  container.replaceChildren(svg);
}

const OUTCOME_COLORS = { SUCCEEDED: '#16a34a', FAILED: '#dc2626', RETRYING: '#d97706', PENDING: '#9ca3af', SKIPPED: '#6b7280' };

/**
 * A strip of firings `[{ t: Date, outcome, label }]` over [from, to]: one bar per firing, coloured by outcome (green
 * succeeded, red failed, amber retrying, grey pending or skipped), so a run of failures stands out at a glance.
 */
export function firingTimeline(container, { title, firings, from, to }) {
  const width = 200, height = 40, left = 2, right = 2, top = 4, bottom = 13;
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart firing-timeline', role: 'img', 'aria-label': title });
  el('line', { x1: left, x2: width - right, y1: height - bottom, y2: height - bottom, class: 'grid' }, svg);
  const x = t => left + ((t - from) / Math.max(1, to - from)) * (width - left - right);
  for (const f of firings) {
    const bar = el('rect', { x: Math.max(left, x(f.t) - 2), y: top, width: 4, height: height - top - bottom, rx: 1,
      fill: OUTCOME_COLORS[f.outcome] ?? '#6b7280', class: 'firing', 'data-outcome': f.outcome }, svg);
    el('title', {}, bar).textContent = f.label;
  }
  el('text', { x: left, y: height - 2, class: 'axis' }, svg).textContent = from.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  el('text', { x: width - right, y: height - 2, class: 'axis', 'text-anchor': 'end' }, svg).textContent = 'now';
  if (firings.length === 0) {
    el('text', { x: width / 2, y: 20, class: 'empty', 'text-anchor': 'middle' }, svg).textContent = 'Not fired yet';
  }
  container.replaceChildren(svg);
}
