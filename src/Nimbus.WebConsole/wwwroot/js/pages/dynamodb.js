// DynamoDB: tables; a table's keys, indexes and stream; its items (browse page by page, query by partition key),
// and an item editor that takes the item as DynamoDB JSON and saves it with PutItem.
import { dynamodb } from '../aws.js';
import { definitionList, errorBox, h, table } from '../dom.js';

export async function render(main, [tableName], live) {
  if (!tableName) {
    main.append(h('h1', {}, 'Tables'));
    const holder = h('div');
    main.append(holder);
    await live.every(10000, async () => {
      const names = [];
      let start;
      do {
        const page = await dynamodb('ListTables', start ? { ExclusiveStartTableName: start } : {});
        names.push(...page.TableNames);
        start = page.LastEvaluatedTableName;
      } while (start);
      const tables = await Promise.all(names.map(n => dynamodb('DescribeTable', { TableName: n }).then(r => r.Table)));
      holder.replaceChildren(table(['Table', 'Status', { label: 'Items', class: 'num' }, 'Keys', 'Stream'], tables.map(t => h('tr', { 'data-table': t.TableName },
        h('td', {}, h('a', { href: '#/dynamodb/' + encodeURIComponent(t.TableName) }, t.TableName)),
        h('td', {}, t.TableStatus), h('td', { class: 'num' }, t.ItemCount ?? 0),
        h('td', {}, keyText(t.KeySchema)), h('td', {}, streamText(t))))));
    });
    return;
  }
  const description = (await dynamodb('DescribeTable', { TableName: tableName })).Table;
  const hashKey = description.KeySchema.find(k => k.KeyType === 'HASH').AttributeName;
  const rangeKey = description.KeySchema.find(k => k.KeyType === 'RANGE')?.AttributeName;
  const typeOf = name => description.AttributeDefinitions.find(a => a.AttributeName === name).AttributeType;
  main.append(h('h1', {}, tableName));
  const indexes = [...(description.GlobalSecondaryIndexes ?? []).map(i => ({ ...i, kind: 'Global' })), ...(description.LocalSecondaryIndexes ?? []).map(i => ({ ...i, kind: 'Local' }))];
  main.append(h('div', { class: 'cards' },
    h('section', { class: 'card', 'aria-label': 'Table' }, h('h2', {}, 'Table'), definitionList([
      ['ARN', description.TableArn], ['Status', description.TableStatus], ['Keys', keyText(description.KeySchema)],
      ['Billing', description.BillingModeSummary?.BillingMode ?? 'PROVISIONED'], ['Items', description.ItemCount], ['Size', `${description.TableSizeBytes} bytes`],
      ['Stream', streamText(description)],
    ])),
    h('section', { class: 'card', 'aria-label': 'Indexes' }, h('h2', {}, 'Indexes'), table(['Index', 'Kind', 'Keys', 'Projection', 'Status'],
      indexes.map(i => h('tr', {}, h('td', {}, i.IndexName), h('td', {}, i.kind), h('td', {}, keyText(i.KeySchema)), h('td', {}, i.Projection?.ProjectionType), h('td', {}, i.IndexStatus ?? 'ACTIVE')))))));

  const partition = h('input', { type: 'text', placeholder: `${hashKey} (${typeOf(hashKey)})`, 'aria-label': 'Partition key value' });
  const items = h('div');
  const editor = h('textarea', { 'aria-label': 'Item JSON', spellcheck: 'false' });
  const problem = h('div');
  let lastKey = null;
  let pageKeys = [];

  const show = (result, append) => {
    lastKey = result.LastEvaluatedKey ?? null;
    const rows = result.Items.map(item => h('tr', { 'data-item': JSON.stringify(keyOf(item)) },
      h('td', {}, plain(item[hashKey])), rangeKey ? h('td', {}, plain(item[rangeKey])) : null,
      h('td', {}, h('code', {}, JSON.stringify(unmarshall(item)).slice(0, 160))),
      h('td', {}, h('button', { class: 'secondary', onclick: () => { editor.value = JSON.stringify(item, null, 2); editor.focus(); } }, 'Edit'))));
    pageKeys = append ? [...pageKeys, ...rows] : rows;
    items.replaceChildren(table([hashKey, rangeKey, 'Item', ''].filter(Boolean), pageKeys),
      lastKey ? h('button', { class: 'secondary', onclick: () => run(load, true) }, 'Next page') : '');
  };
  const load = async append => show(await dynamodb('Scan', { TableName: tableName, Limit: 50, ...(append && lastKey ? { ExclusiveStartKey: lastKey } : {}) }), append);
  const query = async () => show(await dynamodb('Query', {
    TableName: tableName, KeyConditionExpression: '#k = :v', ExpressionAttributeNames: { '#k': hashKey },
    ExpressionAttributeValues: { ':v': { [typeOf(hashKey)]: partition.value } },
  }), false);
  const save = async () => {
    let item;
    try {
      item = JSON.parse(editor.value);
    } catch (error) {
      throw new Error('The item is not valid JSON: ' + error.message);
    }
    await dynamodb('PutItem', { TableName: tableName, Item: item });
    await load(false);
  };
  const remove = async () => {
    const item = JSON.parse(editor.value);
    await dynamodb('DeleteItem', { TableName: tableName, Key: keyOf(item) });
    editor.value = '';
    await load(false);
  };
  const run = (action, ...args) => { problem.replaceChildren(); return action(...args).catch(error => problem.replaceChildren(errorBox(error))); };
  function keyOf(item) {
    return Object.fromEntries([hashKey, rangeKey].filter(Boolean).map(k => [k, item[k]]));
  }

  main.append(h('h2', {}, 'Items'),
    h('div', { class: 'toolbar' }, partition, h('button', { onclick: () => run(query) }, 'Query'), h('button', { class: 'secondary', onclick: () => run(load, false) }, 'Scan')),
    problem, items,
    h('h2', {}, 'Edit item (DynamoDB JSON)'), editor,
    h('div', { class: 'toolbar' }, h('button', { onclick: () => run(save) }, 'Save item'), h('button', { class: 'secondary', onclick: () => run(remove) }, 'Delete item')));
  await run(load, false);
}

function keyText(schema) {
  return schema.map(k => `${k.AttributeName} (${k.KeyType === 'HASH' ? 'partition' : 'sort'})`).join(', ');
}

function streamText(t) {
  return t.StreamSpecification?.StreamEnabled ? `${t.StreamSpecification.StreamViewType} · ${t.LatestStreamArn ?? ''}` : 'off';
}

function plain(value) {
  if (!value) return '';
  const [type, v] = Object.entries(value)[0];
  return type === 'NULL' ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** DynamoDB JSON → plain JSON, for the one-line preview. */
function unmarshall(item) {
  const value = v => {
    const [type, x] = Object.entries(v)[0];
    switch (type) {
      case 'N': return Number(x);
      case 'M': return unmarshall(x);
      case 'L': return x.map(value);
      case 'NULL': return null;
      default: return x;
    }
  };
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, value(v)]));
}
