// S3: buckets; a bucket's folders and objects (upload, download, delete, metadata) and its notification
// configuration. #/s3/bucket/folder/sub shows the objects under prefix "folder/sub/".
import { s3, s3DownloadUrl, text } from '../aws.js';
import { uriEncode } from '../sigv4.js';
import { definitionList, errorBox, h, table } from '../dom.js';

const objectPath = (bucket, key) => '/' + uriEncode(bucket) + '/' + key.split('/').map(uriEncode).join('/');

export async function render(main, [bucket, ...folders], live) {
  if (!bucket) {
    main.append(h('h1', {}, 'Buckets'));
    const holder = h('div');
    main.append(holder);
    await live.every(10000, async () => {
      const xml = await s3('GET', '/');
      const buckets = Array.from(xml.getElementsByTagName('Bucket'), b => ({ name: text(b, 'Name'), created: text(b, 'CreationDate') }));
      holder.replaceChildren(table(['Bucket', 'Created'], buckets.map(b => h('tr', {},
        h('td', {}, h('a', { href: '#/s3/' + encodeURIComponent(b.name) }, b.name)), h('td', {}, new Date(b.created).toLocaleString())))));
    });
    return;
  }
  const prefix = folders.length ? folders.join('/') + '/' : '';
  main.append(h('h1', {}, h('a', { href: '#/s3/' + encodeURIComponent(bucket) }, bucket), prefix ? ' / ' + prefix : ''));
  const listing = h('div');
  const details = h('div');
  const problem = h('div');
  const file = h('input', { type: 'file', 'aria-label': 'File to upload', multiple: true });
  const upload = async () => {
    problem.replaceChildren();
    try {
      for (const f of file.files) {
        await s3('PUT', objectPath(bucket, prefix + f.name), { body: f, headers: { 'content-type': f.type || 'application/octet-stream' } });
      }
      file.value = '';
      await refresh();
    } catch (error) {
      problem.replaceChildren(errorBox(error));
    }
  };
  main.append(h('div', { class: 'toolbar' }, file, h('button', { onclick: upload }, 'Upload')), problem, listing, details);

  const showMetadata = async key => {
    const response = await s3('HEAD', objectPath(bucket, key), { raw: true });
    const headers = [...response.headers.entries()].filter(([k]) => k.startsWith('x-amz-meta-') || ['content-type', 'content-length', 'etag', 'last-modified', 'cache-control', 'content-encoding', 'content-disposition', 'x-amz-version-id'].includes(k));
    details.replaceChildren(h('section', { class: 'card', 'aria-label': 'Object metadata' }, h('h2', {}, key), definitionList(headers)));
  };
  const remove = async key => {
    if (!confirm(`Delete ${key}?`)) return;
    await s3('DELETE', objectPath(bucket, key));
    await refresh();
  };

  const refresh = async () => {
    const objects = [], prefixes = [];
    let token;
    do {
      const query = [['list-type', '2'], ['delimiter', '/'], ['prefix', prefix]];
      if (token) query.push(['continuation-token', token]);
      const xml = await s3('GET', '/' + uriEncode(bucket), { query });
      for (const p of xml.getElementsByTagName('CommonPrefixes')) prefixes.push(text(p, 'Prefix'));
      for (const c of xml.getElementsByTagName('Contents')) {
        objects.push({ key: text(c, 'Key'), size: Number(text(c, 'Size')), modified: text(c, 'LastModified') });
      }
      token = text(xml, 'IsTruncated') === 'true' ? text(xml, 'NextContinuationToken') : null;
    } while (token);
    const rows = [
      ...prefixes.map(p => h('tr', { 'data-prefix': p }, h('td', {}, h('a', { href: '#/s3/' + [bucket, ...p.split('/').filter(Boolean)].map(encodeURIComponent).join('/') }, p.slice(prefix.length))), h('td', {}, 'folder'), h('td', {}), h('td', {}))),
      ...await Promise.all(objects.map(async o => h('tr', { 'data-key': o.key },
        h('td', {}, h('a', { href: '#', onclick: e => { e.preventDefault(); showMetadata(o.key).catch(err => details.replaceChildren(errorBox(err))); } }, o.key.slice(prefix.length))),
        h('td', { class: 'num' }, o.size),
        h('td', {}, new Date(o.modified).toLocaleString()),
        h('td', {}, h('a', { href: await s3DownloadUrl(bucket, o.key), download: o.key.split('/').pop() }, 'Download'), ' ',
          h('button', { class: 'secondary', onclick: () => remove(o.key).catch(err => problem.replaceChildren(errorBox(err))) }, 'Delete'))))),
    ];
    listing.replaceChildren(table(['Name', { label: 'Size', class: 'num' }, 'Last modified', ''], rows), await notifications(bucket));
  };
  await live.every(10000, refresh);
}

async function notifications(bucket) {
  const xml = await s3('GET', '/' + uriEncode(bucket), { query: [['notification', '']] });
  const configurations = Array.from(xml.getElementsByTagName('CloudFunctionConfiguration'));
  return h('section', { 'aria-label': 'Notifications' }, h('h2', {}, 'Event notifications'), table(['Id', 'Events', 'Function', 'Filter'],
    configurations.map(c => h('tr', {},
      h('td', {}, text(c, 'Id')),
      h('td', {}, Array.from(c.getElementsByTagName('Event'), e => e.textContent).join(', ')),
      h('td', {}, text(c, 'CloudFunction')),
      h('td', {}, Array.from(c.getElementsByTagName('FilterRule'), r => `${text(r, 'Name')}=${text(r, 'Value')}`).join(', '))))));
}
