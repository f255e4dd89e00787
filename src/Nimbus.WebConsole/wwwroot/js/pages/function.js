// One function: configuration, versions and aliases, a test-invoke form, recent invocations with their REPORT
// figures, and live charts of invocations, errors, duration percentiles, concurrency and cold starts.
import { lambda, logs } from '../aws.js';
import { barChart, lineChart } from '../charts.js';
import { definitionList, errorBox, h, table } from '../dom.js';
import { metricSeries } from '../metrics.js';

const REPORT = /REPORT RequestId: (\S+)\s+Duration: ([\d.]+) ms\s+Billed Duration: (\d+) ms\s+Memory Size: (\d+) MB\s+Max Memory Used: (\d+) MB(?:\s+Init Duration: ([\d.]+) ms)?/;

export async function render(main, [name], live) {
  const path = '/functions/' + encodeURIComponent(name);
  const [fn, versions, aliases] = await Promise.all([
    lambda('GET', path),
    lambda('GET', path + '/versions'),
    lambda('GET', path + '/aliases'),
  ]);
  const c = fn.Configuration;
  main.append(h('h1', {}, name));
  main.append(h('div', { class: 'cards' },
    h('section', { class: 'card', 'aria-label': 'Configuration' }, h('h2', {}, 'Configuration'), definitionList([
      ['ARN', c.FunctionArn], ['Runtime', c.Runtime], ['Handler', c.Handler], ['Memory', `${c.MemorySize} MB`],
      ['Timeout', `${c.Timeout} s`], ['Architecture', (c.Architectures ?? []).join(', ')], ['State', c.State],
      ['Code size', `${c.CodeSize} bytes`], ['Last modified', c.LastModified],
      ['Environment', Object.entries(c.Environment?.Variables ?? {}).map(([k, v]) => `${k}=${v}`).join('\n') || '—'],
    ])),
    h('section', { class: 'card', 'aria-label': 'Test invoke' }, h('h2', {}, 'Test invoke'), invokeForm(path))));

  main.append(h('h2', {}, 'Versions and aliases'));
  main.append(h('div', { class: 'cards' },
    table(['Version', 'Description', 'Last modified'], versions.Versions.map(v => h('tr', {}, h('td', {}, v.Version), h('td', {}, v.Description ?? ''), h('td', {}, v.LastModified)))),
    table(['Alias', 'Version', 'Description'], aliases.Aliases.map(a => h('tr', {}, h('td', {}, a.Name), h('td', {}, a.FunctionVersion), h('td', {}, a.Description ?? ''))))));

  const charts = h('div', { class: 'cards' });
  const recent = h('div');
  main.append(h('h2', {}, 'Activity (last 3 hours)'), charts, h('h2', {}, 'Recent invocations'), recent);
  const panels = Array.from({ length: 5 }, () => h('div', { class: 'card' }));
  charts.append(...panels);
  const dims = { FunctionName: name };
  await live.every(5000, async () => {
    const [counts, durations, concurrency, cold] = await Promise.all([
      metricSeries([
        { name: 'Invocations', namespace: 'AWS/Lambda', metric: 'Invocations', dimensions: dims, stat: 'Sum' },
        { name: 'Errors', namespace: 'AWS/Lambda', metric: 'Errors', dimensions: dims, stat: 'Sum' },
        { name: 'Throttles', namespace: 'AWS/Lambda', metric: 'Throttles', dimensions: dims, stat: 'Sum' },
      ]),
      metricSeries(['p50', 'p90', 'p99'].map(stat => ({ name: stat, namespace: 'AWS/Lambda', metric: 'Duration', dimensions: dims, stat }))),
      metricSeries([{ name: 'Concurrent executions', namespace: 'AWS/Lambda', metric: 'ConcurrentExecutions', dimensions: dims, stat: 'Maximum' }]),
      metricSeries([{ name: 'Cold starts', namespace: 'Nimbus/Lambda', metric: 'ColdStarts', dimensions: dims, stat: 'Sum' }]),
    ]);
    lineChart(panels[0], { title: 'Invocations and errors', ...counts });
    lineChart(panels[1], { title: 'Duration percentiles', unit: 'ms', ...durations });
    lineChart(panels[2], { title: 'Concurrency', ...concurrency });
    lineChart(panels[3], { title: 'Cold starts', ...cold });
    const reports = await recentReports(name);
    barChart(panels[4], {
      title: 'Last invocations: duration (ms)',
      bars: reports.slice(0, 10).map(r => ({ label: r.requestId.slice(0, 8) + (r.init ? ' (cold)' : ''), value: r.duration })),
    });
    recent.replaceChildren(table(
      ['Time', 'Request id', { label: 'Duration', class: 'num' }, { label: 'Billed', class: 'num' }, { label: 'Max memory', class: 'num' }, { label: 'Init', class: 'num' }],
      reports.map(r => h('tr', {}, h('td', {}, r.time.toLocaleString()), h('td', {}, r.requestId), h('td', { class: 'num' }, `${r.duration} ms`),
        h('td', { class: 'num' }, `${r.billed} ms`), h('td', { class: 'num' }, `${r.maxMemory} / ${r.memory} MB`),
        h('td', { class: 'num' }, r.init ? `${r.init} ms` : '—')))));
  });
}

async function recentReports(name) {
  try {
    const result = await logs('FilterLogEvents', {
      logGroupName: '/aws/lambda/' + name, filterPattern: '"REPORT RequestId"', startTime: Date.now() - 24 * 3600_000,
    });
    return result.events.map(e => ({ e, m: e.message.match(REPORT) })).filter(x => x.m).map(({ e, m }) => ({
      time: new Date(e.timestamp), requestId: m[1], duration: Number(m[2]), billed: Number(m[3]), memory: Number(m[4]),
      maxMemory: Number(m[5]), init: m[6] ? Number(m[6]) : null,
    })).reverse().slice(0, 25);
  } catch (error) {
    if (error.code === 'ResourceNotFoundException') return []; // never invoked: no log group yet
    throw error;
  }
}

function invokeForm(path) {
  const payload = h('textarea', { 'aria-label': 'Payload', spellcheck: 'false' }, '{\n  "key": "value"\n}');
  const output = h('div', { 'aria-label': 'Invoke result' });
  const run = async () => {
    output.replaceChildren(h('p', { class: 'muted' }, 'Invoking…'));
    try {
      JSON.parse(payload.value);
    } catch (error) {
      output.replaceChildren(errorBox('The payload is not valid JSON: ' + error.message));
      return;
    }
    try {
      const { response, text } = await lambda('POST', path + '/invocations', { body: payload.value, raw: true, headers: { 'x-amz-log-type': 'Tail' } });
      const functionError = response.headers.get('x-amz-function-error');
      const log = response.headers.get('x-amz-log-result');
      output.replaceChildren(
        h('p', { class: functionError || !response.ok ? 'error' : 'ok' }, `Status ${response.status}` + (functionError ? ` · ${functionError} error` : '')),
        h('pre', { 'data-testid': 'invoke-response' }, pretty(text)),
        log ? h('pre', { 'data-testid': 'invoke-log' }, new TextDecoder().decode(Uint8Array.from(atob(log), ch => ch.charCodeAt(0)))) : '');
    } catch (error) {
      output.replaceChildren(errorBox(error));
    }
  };
  return h('div', {}, payload, h('div', { class: 'toolbar' }, h('button', { onclick: run }, 'Invoke')), output);
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
