// The Items page: lists the items and adds new ones through the HTTP API (window.ITEMS_API, from config.js). The API
// answers a bad item with 400 and {"message": ...}; the page shows that message as it is.
'use strict';
const api = (window.ITEMS_API || '').replace(/\/$/, '');
const form = document.getElementById('new-item');
const status = document.getElementById('status');
const rows = document.getElementById('items');
document.getElementById('api').textContent = api || '(not configured: run deploy.sh)';

function show(message, kind) {
  status.textContent = message;
  status.className = kind;
}

async function call(method, path, body) {
  const response = await fetch(api + path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({ message: 'HTTP ' + response.status }));
  if (!response.ok) {
    throw new Error(data.message || 'HTTP ' + response.status);
  }
  return data;
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

async function refresh() {
  const { items } = await call('GET', '/items');
  rows.replaceChildren(...items.map(item => {
    const tr = document.createElement('tr');
    tr.append(cell(item.name), cell(Number(item.price).toFixed(2)), cell(item.description || ''),
      cell(new Date(item.createdAt).toLocaleString()), cell(item.id, 'id'));
    return tr;
  }));
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  const fields = new FormData(form);
  // The price goes as typed when it is not a number, so that the API's validation answers, not the page's.
  const typed = String(fields.get('price')).trim();
  const item = { name: fields.get('name'), price: typed !== '' && !isNaN(Number(typed)) ? Number(typed) : typed };
  if (String(fields.get('description')).trim()) item.description = fields.get('description');
  try {
    const created = await call('POST', '/items', item);
    show('Added ' + created.name + ' (' + created.id + ').', 'ok');
    form.reset();
    await refresh();
  } catch (error) {
    show(error.message, 'error');
  }
});

refresh().catch(error => show('Could not list the items: ' + error.message, 'error'));
