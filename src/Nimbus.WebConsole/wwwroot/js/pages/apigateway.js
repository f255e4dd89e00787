// API Gateway: HTTP, WebSocket and REST APIs. An HTTP API's routes with their integrations and the URL each route is
// invoked at; a WebSocket API's routes, its ws:// URLs and @connections URL per stage and its connection and message
// counts; a REST API's resource tree (apigateway-rest.js). URLs use the execute-api host name and, for clients that
// cannot resolve it, the path form /_aws/execute-api/{id}/{stage}.
import { restJson } from '../aws.js';
import { lineChart } from '../charts.js';
import { definitionList, h, table } from '../dom.js';
import { metricSeries } from '../metrics.js';

const api = (path, options) => restJson('apigateway', 'GET', '/v2' + path, options);
const rest = (path, options) => restJson('apigateway', 'GET', path, options);

async function all(path, key = 'items') {
  const items = [];
  let token;
  do {
    const page = await api(path, { query: token ? [['nextToken', token]] : [] });
    items.push(...(page[key] ?? []));
    token = page.nextToken;
  } while (token);
  return items;
}

/** Every REST API (GetRestApis pages with `position`). */
export async function allRest(path, extra = []) {
  const items = [];
  let position;
  do {
    const page = await rest(path, { query: [...extra, ['limit', '500'], ...(position ? [['position', position]] : [])] });
    items.push(...(page.item ?? []));
    position = page.position;
  } while (position);
  return items;
}

export function executeApiUrls(apiId, stagePath, path, scheme = 'http') {
  const port = location.port ? ':' + location.port : '';
  return {
    host: `${scheme}://${apiId}.execute-api.localhost${port}${stagePath}${path}`,
    pathForm: `${scheme}://${location.host}/_aws/execute-api/${apiId}${stagePath}${path}`,
  };
}

export async function render(main, args, live) {
  if (args[0] === 'rest' && args[1]) {
    const page = await import('./apigateway-rest.js');
    return page.render(main, args[1], live);
  }
  const [apiId] = args;
  if (!apiId) return renderList(main, live);
  const [description, routes, integrations, stages] = await Promise.all([
    api('/apis/' + encodeURIComponent(apiId)),
    all(`/apis/${encodeURIComponent(apiId)}/routes`),
    all(`/apis/${encodeURIComponent(apiId)}/integrations`),
    all(`/apis/${encodeURIComponent(apiId)}/stages`),
  ]);
  const webSocket = description.protocolType === 'WEBSOCKET';
  main.append(h('h1', {}, description.name), h('section', { class: 'card' }, definitionList([
    ['Id', description.apiId], ['Protocol', description.protocolType], ['Endpoint', description.apiEndpoint],
    ['Route selection', description.routeSelectionExpression], ['CORS', description.corsConfiguration ? JSON.stringify(description.corsConfiguration) : '—'],
  ])));
  const integrationOf = id => integrations.find(i => 'integrations/' + i.integrationId === id);
  const integrationText = r => {
    const integration = integrationOf(r.target);
    return integration ? `${integration.integrationType} → ${integration.integrationUri ?? ''}` : (r.target ?? '—');
  };
  if (webSocket) {
    main.append(h('h2', {}, 'Routes'), table(['Route', 'Integration', 'Authorization', 'Two-way'], routes.map(r => h('tr', { 'data-route': r.routeKey },
      h('td', {}, r.routeKey), h('td', {}, integrationText(r)), h('td', {}, r.authorizationType ?? 'NONE'),
      h('td', {}, r.routeResponseSelectionExpression ? 'yes' : 'no')))));
    main.append(h('h2', {}, 'Stages'), table(['Stage', 'Auto deploy', 'Deployment', 'WebSocket URL', '@connections URL'], stages.map(s => {
      const ws = executeApiUrls(apiId, '/' + s.stageName, '', 'ws');
      const connections = executeApiUrls(apiId, '/' + s.stageName, '/@connections');
      return h('tr', { 'data-stage': s.stageName }, h('td', {}, s.stageName), h('td', {}, s.autoDeploy ? 'yes' : 'no'), h('td', {}, s.deploymentId ?? '—'),
        h('td', {}, h('code', { 'data-testid': 'ws-url' }, ws.host), h('div', { class: 'muted' }, ws.pathForm)),
        h('td', {}, h('code', {}, connections.host)));
    })));
    const chart = h('div', { class: 'card' });
    main.append(h('h2', {}, 'Connections and messages (last 3 hours)'), h('div', { class: 'cards' }, chart));
    await live.every(10000, async () => {
      const counts = await metricSeries(['ConnectCount', 'MessageCount'].map(metric =>
        ({ name: metric, namespace: 'AWS/ApiGateway', metric, dimensions: { ApiId: apiId }, stat: 'Sum' })));
      lineChart(chart, { title: 'Connections and messages', ...counts });
    });
    return;
  }
  main.append(h('h2', {}, 'Routes'), table(['Route', 'Integration', 'Authorization', 'Invoke URL'], routes.map(r => {
    const [method, path] = r.routeKey.includes(' ') ? r.routeKey.split(' ') : ['ANY', '/'];
    return h('tr', { 'data-route': r.routeKey },
      h('td', {}, r.routeKey),
      h('td', {}, integrationText(r)),
      h('td', {}, r.authorizationType ?? 'NONE'),
      h('td', {}, stages.map(s => {
        const urls = executeApiUrls(apiId, s.stageName === '$default' ? '' : '/' + s.stageName, path);
        return h('div', {}, h('code', { 'data-testid': 'invoke-url' }, `${method} ${urls.host}`), h('div', { class: 'muted' }, urls.pathForm));
      })));
  })));
  main.append(h('h2', {}, 'Stages'), table(['Stage', 'Auto deploy', 'Deployment', 'Variables', 'Throttling'], stages.map(s => h('tr', {},
    h('td', {}, s.stageName), h('td', {}, s.autoDeploy ? 'yes' : 'no'), h('td', {}, s.deploymentId ?? '—'),
    h('td', {}, Object.entries(s.stageVariables ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || '—'),
    h('td', {}, s.defaultRouteSettings?.throttlingRateLimit ? `${s.defaultRouteSettings.throttlingRateLimit}/s, burst ${s.defaultRouteSettings.throttlingBurstLimit}` : '—')))));
}

async function renderList(main, live) {
  main.append(h('h1', {}, 'APIs'));
  const holder = h('div');
  main.append(holder);
  await live.every(10000, async () => {
    const [apis, restApis] = await Promise.all([all('/apis'), allRest('/restapis')]);
    const rows = [
      ...apis.map(a => ({ id: a.apiId, name: a.name, protocol: a.protocolType, endpoint: a.apiEndpoint, created: a.createdDate, href: '#/apigateway/' + encodeURIComponent(a.apiId) })),
      ...restApis.map(a => ({ id: a.id, name: a.name, protocol: 'REST', endpoint: executeApiUrls(a.id, '', '').host, created: a.createdDate * 1000,
        href: '#/apigateway/rest/' + encodeURIComponent(a.id) })),
    ].sort((a, b) => a.name.localeCompare(b.name));
    holder.replaceChildren(table(['API', 'Id', 'Protocol', 'Endpoint', 'Created'], rows.map(a => h('tr', { 'data-api': a.id },
      h('td', {}, h('a', { href: a.href }, a.name)), h('td', {}, a.id), h('td', {}, a.protocol), h('td', {}, a.endpoint),
      h('td', {}, new Date(a.created).toLocaleString())))));
  });
}
