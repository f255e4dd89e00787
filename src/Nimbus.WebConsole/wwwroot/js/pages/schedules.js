// Schedules and rules: every EventBridge Scheduler schedule and every EventBridge rule (scheduled or event-pattern),
// with expression, time zone, state, targets, the next five fire times and the last firings with their outcomes, from
// /_nimbus/schedules (the scheduler's own calculation and record). "Run now" fires one through the same delivery path.
import { nimbus, nimbusPost, session } from '../aws.js';
import { firingTimeline } from '../charts.js';
import { errorBox, h, table } from '../dom.js';

const PILL = { SUCCEEDED: 'good', FAILED: 'bad', RETRYING: 'bad' };

export async function render(main, _args, live) {
  const s = await session();
  main.append(h('h1', {}, 'Schedules and rules'));
  const message = h('p', { 'aria-live': 'polite', 'data-testid': 'run-message' });
  const holder = h('div');
  main.append(message, holder);
  let shown = '';
  const refresh = async () => {
    const data = await nimbus(`/_nimbus/schedules?account=${encodeURIComponent(s.accountId)}&region=${encodeURIComponent(s.region)}`);
    // Redraw only on change, so a button is not replaced under the pointer every few seconds.
    const signature = JSON.stringify([data.schedules, data.rules]);
    if (signature === shown) return;
    shown = signature;
    holder.replaceChildren(...view(data, runNow));
  };
  const runNow = async item => {
    message.replaceChildren(`Running ${item.name}…`);
    try {
      const result = await nimbusPost('/_nimbus/schedules/run', 'scheduler', {
        kind: item.kind, account: item.account, region: item.region, name: item.name,
        ...(item.kind === 'schedule' ? { group: item.groupName } : { bus: item.eventBusName }),
      });
      message.replaceChildren(h('span', { class: 'ok' }, result.deliveries > 0
        ? `${item.name} fired at ${new Date(result.firedAt).toLocaleTimeString()}: ${result.deliveries} delivery queued.`
        : `${item.name} fired, but has no target Nimbus delivers to.`));
      await refresh();
    } catch (error) {
      message.replaceChildren(errorBox(error));
    }
  };
  await live.every(5000, refresh);
}

function view(data, runNow) {
  const now = new Date(data.now);
  const scheduled = data.rules.filter(r => r.scheduleExpression);
  const patterns = data.rules.filter(r => !r.scheduleExpression);
  return [
    h('h2', {}, 'EventBridge Scheduler schedules'),
    table(['Schedule', 'Expression', 'Time zone', 'State', 'Target', 'Next five fire times', 'Last firings'],
      data.schedules.map(x => row(x, { 'data-schedule': `${x.groupName}/${x.name}` }, `${x.groupName} / ${x.name}`, now, runNow))),
    h('h2', {}, 'Scheduled rules'),
    table(['Rule', 'Expression', 'Time zone', 'State', 'Targets', 'Next five fire times', 'Last firings'],
      scheduled.map(x => row(x, { 'data-rule': `${x.eventBusName}/${x.name}` }, `${x.eventBusName} / ${x.name}`, now, runNow))),
    h('h2', {}, 'Event-pattern rules'),
    table(['Rule', 'Event pattern', 'State', 'Targets', 'Last matches'], patterns.map(x => h('tr', { 'data-rule': `${x.eventBusName}/${x.name}` },
      h('td', {}, `${x.eventBusName} / ${x.name}`), h('td', {}, h('pre', { class: 'pattern' }, pretty(x.eventPattern))),
      h('td', {}, state(x.state)), h('td', {}, targets(x)), h('td', {}, timeline(x, now))))),
    h('h2', {}, 'Recent firings'),
    firingsTable([...data.schedules, ...data.rules]),
  ];
}

function row(item, attributes, label, now, runNow) {
  return h('tr', attributes,
    h('td', {}, h('div', {}, label), h('button', { class: 'secondary', onclick: () => runNow(item) }, 'Run now')),
    h('td', {}, h('code', { 'data-testid': 'expression' }, item.scheduleExpression)),
    h('td', {}, item.scheduleExpressionTimezone),
    h('td', {}, state(item.state)),
    h('td', {}, targets(item)),
    h('td', {}, nextTimes(item)),
    h('td', {}, timeline(item, now)));
}

function state(text) {
  return h('span', { class: 'pill ' + (text === 'DISABLED' ? '' : 'good') }, text);
}

function targets(item) {
  if (item.targets.length === 0) return h('span', { class: 'muted' }, 'no targets');
  // A Lambda target links to its function's page (name shown, ARN on hover); other targets show their ARN.
  return item.targets.map(t => {
    const name = t.arn.includes(':function:') ? t.arn.split(':function:')[1].split(':')[0] : null;
    return h('div', {}, name ? h('a', { href: '#/function/' + encodeURIComponent(name), title: t.arn }, name) : t.arn);
  });
}

function nextTimes(item) {
  if (item.nextFireTimes.length === 0) return h('span', { class: 'muted' }, item.state === 'DISABLED' ? 'disabled' : 'none');
  const zone = item.scheduleExpressionTimezone ?? 'UTC';
  const format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: '2-digit', month: 'short',
    hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
  return h('ol', { class: 'next-times' }, item.nextFireTimes.map(t => h('li', { 'data-testid': 'next-fire', 'data-time': t, title: t }, format.format(new Date(t)))));
}

function timeline(item, now) {
  const firings = item.lastFirings.map(f => ({
    t: new Date(f.firedAt), outcome: f.outcome,
    label: `${new Date(f.firedAt).toLocaleString()} ${f.outcome}${f.runNow ? ' (run now)' : ''} → ${f.target}${f.error ? ': ' + f.error : ''}`,
  }));
  const oldest = firings.length ? Math.min(...firings.map(f => f.t.getTime())) : now.getTime() - 3600_000;
  const from = new Date(Math.min(oldest - 60_000, now.getTime() - 600_000));
  const holder = h('div', { class: 'timeline', 'data-testid': 'firing-timeline' });
  firingTimeline(holder, { title: `Last firings of ${item.name}`, firings, from, to: now });
  const last = item.lastFirings[0];
  return [holder, last ? h('div', { class: 'muted' }, `last: ${last.outcome} at ${new Date(last.firedAt).toLocaleTimeString()}`) : ''];
}

function firingsTable(items) {
  const rows = items.flatMap(x => x.lastFirings.map(f => ({ x, f })))
    .sort((a, b) => new Date(b.f.firedAt) - new Date(a.f.firedAt)).slice(0, 50);
  // attempts counts the deliveries that failed (a first-time success has none), so it is labelled as such.
  return table(['Fired', 'Scheduled for', 'Source', 'Target', 'Outcome', { label: 'Failed attempts', class: 'num' }, 'Error'], rows.map(({ x, f }) =>
    h('tr', { 'data-firing': x.name, 'data-outcome': f.outcome },
      h('td', {}, new Date(f.firedAt).toLocaleString()),
      h('td', {}, new Date(f.tick).toLocaleString()),
      h('td', {}, `${x.kind === 'schedule' ? 'schedule' : 'rule'} ${x.name}` + (f.runNow ? ' (run now)' : '')),
      h('td', {}, f.target),
      h('td', {}, h('span', { class: 'pill ' + (PILL[f.outcome] ?? '') }, f.outcome)),
      h('td', { class: 'num' }, f.attempts),
      h('td', { class: f.error ? 'error' : 'muted' }, f.error ?? '—'))));
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
