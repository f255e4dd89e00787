// System: the isolation level in force, the runtimes this host can run, environments warm and busy per function,
// and the data directory's size.
import { nimbus } from '../aws.js';
import { barChart } from '../charts.js';
import { definitionList, h } from '../dom.js';

export async function render(main, _args, live) {
  main.append(h('h1', {}, 'System'));
  const holder = h('div', { class: 'card' });
  const environments = h('div', { class: 'card' });
  main.append(h('div', { class: 'cards' }, holder, environments));
  await live.every(5000, async () => {
    const health = await nimbus('/_nimbus/health');
    holder.replaceChildren(definitionList([
      ['Status', health.status],
      ['Version', health.version],
      ['Up for', h('span', { 'data-testid': 'uptime' }, `${Math.round(health.uptimeSeconds)} s`)],
      ['Isolation', h('span', { 'data-testid': 'isolation' }, health.isolation)],
      ['Runtimes available', health.runtimes.available.join(', ')],
      ['Runtimes not installed', health.runtimes.unavailable.join(', ') || '—'],
      ['Services', health.services.join(', ')],
      ['Data directory', `${health.dataDirectory.path} (${megabytes(health.dataDirectory.bytes)})`],
    ]));
    barChart(environments, {
      title: 'Execution environments (busy of warm)',
      bars: health.environments.map(e => ({ label: e.function.split('/').pop(), value: e.busy, max: e.idle + e.busy, note: `${e.busy} busy / ${e.idle + e.busy}` })),
    });
  });
}

function megabytes(bytes) {
  return (bytes / 1048576).toFixed(1) + ' MB';
}
