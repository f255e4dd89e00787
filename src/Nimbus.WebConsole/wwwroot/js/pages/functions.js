// Functions: every function with its runtime, memory and state, and this month's invocations, errors, p99
// duration, cold starts and cost.
import { lambda, metrics, nimbus } from '../aws.js';
import { h, money, table } from '../dom.js';

export async function listFunctions() {
  const functions = [];
  let marker;
  do {
    const page = await lambda('GET', '/functions/', { query: marker ? [['Marker', marker]] : [] });
    functions.push(...page.Functions);
    marker = page.NextMarker;
  } while (marker);
  return functions.sort((a, b) => a.FunctionName.localeCompare(b.FunctionName));
}

const STATS = [
  { key: 'invocations', namespace: 'AWS/Lambda', metric: 'Invocations', stat: 'Sum' },
  { key: 'errors', namespace: 'AWS/Lambda', metric: 'Errors', stat: 'Sum' },
  { key: 'p99', namespace: 'AWS/Lambda', metric: 'Duration', stat: 'p99' },
  { key: 'coldStarts', namespace: 'Nimbus/Lambda', metric: 'ColdStarts', stat: 'Sum' },
];

/** This month's figures per function, one GetMetricData call for all of them. */
async function monthFigures(names) {
  if (names.length === 0) return {};
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Math.ceil(now.getTime() / 60000) * 60000);
  const queries = names.flatMap((name, i) => STATS.map((s, j) => ({
    Id: `f${i}_${j}`,
    MetricStat: {
      Metric: { Namespace: s.namespace, MetricName: s.metric, Dimensions: [{ Name: 'FunctionName', Value: name }] },
      Period: Math.max(60, (end - start) / 1000),
      Stat: s.stat,
    },
  })));
  const figures = {};
  for (let offset = 0; offset < queries.length; offset += 500) {
    const result = await metrics('GetMetricData', {
      StartTime: start.getTime() / 1000, EndTime: end.getTime() / 1000, MetricDataQueries: queries.slice(offset, offset + 500),
    });
    for (const r of result.MetricDataResults) {
      const [, i, j] = r.Id.match(/^f(\d+)_(\d+)$/);
      const name = names[Number(i)];
      figures[name] ??= {};
      const values = r.Values ?? [];
      figures[name][STATS[Number(j)].key] = values.length ? (STATS[Number(j)].stat === 'p99' ? Math.max(...values) : values.reduce((a, b) => a + b, 0)) : null;
    }
  }
  return figures;
}

/**
 * Each function's State. ListFunctions leaves it out, as on AWS (only GetFunction and GetFunctionConfiguration return
 * State), so it is asked per function, a few at a time; a function deleted meanwhile simply has none.
 */
async function functionStates(names) {
  const states = {};
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++];
      states[name] = await lambda('GET', `/functions/${encodeURIComponent(name)}/configuration`).then(c => c.State, () => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, names.length) }, worker));
  return states;
}

export async function render(main, _args, live) {
  main.append(h('h1', {}, 'Functions'));
  const holder = h('div');
  main.append(holder);
  await live.every(5000, async () => {
    const functions = await listFunctions();
    const names = functions.map(f => f.FunctionName);
    const [figures, costs, states] = await Promise.all([monthFigures(names), nimbus('/_nimbus/costs'), functionStates(names)]);
    const costOf = name => costs.functions.find(f => f.functionName === name)?.cost ?? 0;
    holder.replaceChildren(table(
      ['Function', 'Runtime', 'Memory', 'State', { label: 'Invocations', class: 'num' }, { label: 'Errors', class: 'num' },
        { label: 'p99 duration', class: 'num' }, { label: 'Cold starts', class: 'num' }, { label: 'Cost this month', class: 'num' }],
      functions.map(f => {
        const m = figures[f.FunctionName] ?? {};
        return h('tr', { 'data-function': f.FunctionName },
          h('td', {}, h('a', { href: '#/function/' + encodeURIComponent(f.FunctionName) }, f.FunctionName)),
          h('td', {}, f.Runtime ?? f.PackageType),
          h('td', { class: 'num' }, `${f.MemorySize} MB`),
          h('td', {}, state(states[f.FunctionName])),
          h('td', { class: 'num' }, m.invocations ?? 0),
          h('td', { class: 'num' }, m.errors ?? 0),
          h('td', { class: 'num' }, m.p99 == null ? '—' : `${m.p99.toFixed(1)} ms`),
          h('td', { class: 'num' }, m.coldStarts ?? 0),
          h('td', { class: 'num' }, money(costOf(f.FunctionName))));
      })));
  });
}

function state(text) {
  return h('span', { class: 'pill ' + (text === 'Active' ? 'good' : text === 'Failed' ? 'bad' : ''), 'data-testid': 'state' }, text ?? '—');
}
