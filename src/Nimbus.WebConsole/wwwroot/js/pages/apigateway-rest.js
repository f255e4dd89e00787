// One REST API: its resource tree with each method's authorization, integration and invoke URL per stage, and its
// stages with their deployments. The tree comes from GetResources with embed=methods, as the AWS console reads it.
import { restJson } from '../aws.js';
import { definitionList, h, table } from '../dom.js';
import { allRest, executeApiUrls } from './apigateway.js';

const rest = (path, options) => restJson('apigateway', 'GET', path, options);

export async function render(main, apiId, live) {
  const base = '/restapis/' + encodeURIComponent(apiId);
  const description = await rest(base);
  main.append(h('h1', {}, description.name), h('section', { class: 'card' }, definitionList([
    ['Id', description.id], ['Protocol', 'REST'], ['Description', description.description],
    ['Endpoint type', (description.endpointConfiguration?.types ?? []).join(', ')], ['API key source', description.apiKeySource],
    ['Binary media types', (description.binaryMediaTypes ?? []).join(', ') || '—'],
  ])));
  const holder = h('div');
  main.append(holder);
  await live.every(10000, async () => {
    const [resources, stages] = await Promise.all([
      allRest(base + '/resources', [['embed', 'methods']]),
      rest(base + '/stages').then(page => page.item ?? []),
    ]);
    holder.replaceChildren(
      h('h2', {}, 'Resources and methods'),
      table(['Resource', 'Method', 'Authorization', 'Integration', 'Invoke URL'], tree(resources).flatMap(({ resource, depth }) => {
        const methods = Object.entries(resource.resourceMethods ?? {}).sort(([a], [b]) => a.localeCompare(b));
        const label = h('td', { style: `padding-left: ${10 + depth * 18}px` }, h('code', {}, depth === 0 ? '/' : '/' + resource.pathPart));
        if (methods.length === 0) return [h('tr', { 'data-resource': resource.path }, label, h('td', { colspan: 4, class: 'muted' }, 'no methods'))];
        return methods.map(([verb, method], i) => h('tr', { 'data-resource': resource.path, 'data-method': `${verb} ${resource.path}` },
          i === 0 ? label : h('td', {}),
          h('td', {}, verb),
          h('td', {}, (method.authorizationType ?? 'NONE') + (method.apiKeyRequired ? ' + API key' : '')),
          h('td', {}, integration(method.methodIntegration)),
          h('td', {}, stages.length === 0 ? h('span', { class: 'muted' }, 'not deployed to a stage') : stages.map(s => {
            const urls = executeApiUrls(apiId, '/' + s.stageName, resource.path === '/' ? '/' : resource.path);
            return h('div', {}, h('code', { 'data-testid': 'invoke-url' }, `${verb} ${urls.host}`), h('div', { class: 'muted' }, urls.pathForm));
          }))));
      })),
      h('h2', {}, 'Stages'),
      table(['Stage', 'Deployment', 'Variables', 'Throttling', 'Created'], stages.map(s => h('tr', { 'data-stage': s.stageName },
        h('td', {}, s.stageName), h('td', {}, s.deploymentId ?? '—'),
        h('td', {}, Object.entries(s.variables ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || '—'),
        h('td', {}, throttling(s.methodSettings?.['*/*'])),
        h('td', {}, s.createdDate ? new Date(s.createdDate * 1000).toLocaleString() : '—')))));
  });
}

/** Resources in depth-first path order, each with its depth under the root. */
function tree(resources) {
  const children = new Map();
  for (const r of resources) {
    const list = children.get(r.parentId ?? null) ?? [];
    list.push(r);
    children.set(r.parentId ?? null, list);
  }
  const ordered = [];
  const walk = (parent, depth) => {
    for (const r of (children.get(parent) ?? []).sort((a, b) => (a.pathPart ?? '').localeCompare(b.pathPart ?? ''))) {
      ordered.push({ resource: r, depth });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return ordered;
}

function integration(i) {
  if (!i) return h('span', { class: 'muted' }, 'no integration');
  return `${i.type}${i.httpMethod ? ' ' + i.httpMethod : ''}${i.uri ? ' → ' + i.uri : ''}`;
}

function throttling(setting) {
  return setting?.throttlingRateLimit !== undefined ? `${setting.throttlingRateLimit}/s, burst ${setting.throttlingBurstLimit}` : '—';
}
