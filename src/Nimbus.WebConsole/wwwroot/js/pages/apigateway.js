// API Gateway: HTTP APIs; an API's routes with their integrations and the URL each route is invoked at, and its
// stages. URLs use the execute-api host name and, for clients that cannot resolve it, the path form.
import { restJson } from '../aws.js';
import { definitionList, h, table } from '../dom.js';

const api = (path, options) => restJson('apigateway', 'GET', '/v2' + path, options);

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

export async function render(main, [apiId], live) {
  if (!apiId) {
    main.append(h('h1', {}, 'APIs'));
    const holder = h('div');
    main.append(holder);
    await live.every(10000, async () => {
      const apis = await all('/apis');
      holder.replaceChildren(table(['API', 'Id', 'Protocol', 'Endpoint', 'Created'], apis.map(a => h('tr', { 'data-api': a.apiId },
        h('td', {}, h('a', { href: '#/apigateway/' + encodeURIComponent(a.apiId) }, a.name)), h('td', {}, a.apiId),
        h('td', {}, a.protocolType), h('td', {}, a.apiEndpoint), h('td', {}, new Date(a.createdDate).toLocaleString())))));
    });
    return;
  }
  const [description, routes, integrations, stages] = await Promise.all([
    api('/apis/' + encodeURIComponent(apiId)),
    all(`/apis/${encodeURIComponent(apiId)}/routes`),
    all(`/apis/${encodeURIComponent(apiId)}/integrations`),
    all(`/apis/${encodeURIComponent(apiId)}/stages`),
  ]);
  main.append(h('h1', {}, description.name), h('section', { class: 'card' }, definitionList([
    ['Id', description.apiId], ['Protocol', description.protocolType], ['Endpoint', description.apiEndpoint],
    ['Route selection', description.routeSelectionExpression], ['CORS', description.corsConfiguration ? JSON.stringify(description.corsConfiguration) : '—'],
  ])));
  const integrationOf = id => integrations.find(i => 'integrations/' + i.integrationId === id);
  const endpoint = new URL(description.apiEndpoint ?? `http://${apiId}.execute-api.localhost:${location.port}`);
  main.append(h('h2', {}, 'Routes'), table(['Route', 'Integration', 'Authorization', 'Invoke URL'], routes.map(r => {
    const integration = integrationOf(r.target);
    const [method, path] = r.routeKey.includes(' ') ? r.routeKey.split(' ') : ['ANY', '/'];
    return h('tr', { 'data-route': r.routeKey },
      h('td', {}, r.routeKey),
      h('td', {}, integration ? `${integration.integrationType} → ${integration.integrationUri ?? ''}` : (r.target ?? '—')),
      h('td', {}, r.authorizationType ?? 'NONE'),
      h('td', {}, stages.map(s => {
        const stagePath = s.stageName === '$default' ? '' : '/' + s.stageName;
        const url = `${endpoint.origin}${stagePath}${path}`;
        const pathForm = `${location.origin}/_aws/execute-api/${apiId}${stagePath}${path}`;
        return h('div', {}, h('code', { 'data-testid': 'invoke-url' }, `${method} ${url}`), h('div', { class: 'muted' }, pathForm));
      })));
  })));
  main.append(h('h2', {}, 'Stages'), table(['Stage', 'Auto deploy', 'Deployment', 'Variables', 'Throttling'], stages.map(s => h('tr', {},
    h('td', {}, s.stageName), h('td', {}, s.autoDeploy ? 'yes' : 'no'), h('td', {}, s.deploymentId ?? '—'),
    h('td', {}, Object.entries(s.stageVariables ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || '—'),
    h('td', {}, s.defaultRouteSettings?.throttlingRateLimit ? `${s.defaultRouteSettings.throttlingRateLimit}/s, burst ${s.defaultRouteSettings.throttlingBurstLimit}` : '—')))));
}
