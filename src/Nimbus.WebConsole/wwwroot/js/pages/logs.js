// Logs: any log group, searched with a CloudWatch filter pattern, and a live tail that polls FilterLogEvents the
// way `aws logs tail --follow` does (from the newest time seen, de-duplicated by event id).
import { logs } from '../aws.js';
import { errorBox, h, table } from '../dom.js';

async function logGroups() {
  const groups = [];
  let nextToken;
  do {
    const page = await logs('DescribeLogGroups', nextToken ? { nextToken } : {});
    groups.push(...page.logGroups);
    nextToken = page.nextToken;
  } while (nextToken);
  return groups;
}

export async function render(main, [group], live) {
  main.append(h('h1', {}, group ? group : 'Log groups'));
  if (!group) {
    const groups = await logGroups();
    main.append(table(['Log group', 'Stored bytes', 'Retention'], groups.map(g => h('tr', {},
      h('td', {}, h('a', { href: '#/logs/' + encodeURIComponent(g.logGroupName) }, g.logGroupName)),
      h('td', { class: 'num' }, g.storedBytes ?? 0),
      h('td', {}, g.retentionInDays ? `${g.retentionInDays} days` : 'Never expire')))));
    return;
  }
  const pattern = h('input', { type: 'search', placeholder: 'Filter pattern, e.g. ERROR or { $.level = "error" }', size: 50, 'aria-label': 'Filter pattern' });
  const follow = h('input', { type: 'checkbox', id: 'follow', checked: true });
  const lines = h('pre', { 'aria-label': 'Log events', 'data-testid': 'log-events' });
  const problem = h('div');
  main.append(h('div', { class: 'toolbar' }, pattern, h('button', { onclick: () => restart() }, 'Search'),
    h('label', { for: 'follow' }, follow, ' Live tail')), problem, lines);

  let seen = new Set();
  let since = Date.now() - 3600_000;
  const restart = () => {
    seen = new Set();
    since = Date.now() - 3600_000;
    lines.replaceChildren();
    return poll();
  };
  const poll = async () => {
    let nextToken;
    problem.replaceChildren();
    try {
      do {
        const input = { logGroupName: group, startTime: since, interleaved: true };
        if (pattern.value.trim()) input.filterPattern = pattern.value.trim();
        if (nextToken) input.nextToken = nextToken;
        const page = await logs('FilterLogEvents', input);
        for (const event of page.events) {
          if (seen.has(event.eventId)) continue;
          seen.add(event.eventId);
          since = Math.max(since, event.timestamp);
          lines.append(h('div', { class: 'log-line' }, h('span', { class: 'log-time' }, new Date(event.timestamp).toISOString()), event.message));
        }
        nextToken = page.nextToken;
      } while (nextToken);
    } catch (error) {
      problem.replaceChildren(errorBox(error));
    }
  };
  await live.every(2000, () => (follow.checked ? poll() : Promise.resolve()));
}
