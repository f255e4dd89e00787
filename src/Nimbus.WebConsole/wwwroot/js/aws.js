// Clients for the AWS wire protocols the console speaks: json (DynamoDB, Logs, CloudWatch, EventBridge), rest-json
// (Lambda, API Gateway, Scheduler) and rest-xml (S3). Every call is signed like an SDK call.
import { sign, presign, uriEncode, UNSIGNED_PAYLOAD } from './sigv4.js';

let sessionPromise;

export function session() {
  sessionPromise ??= fetch('/_nimbus/console/api/session').then(r => {
    if (!r.ok) throw new Error('The console session was refused (' + r.status + ')');
    return r.json();
  });
  return sessionPromise;
}

export class AwsError extends Error {
  constructor(code, message, status) {
    super(message ? `${code}: ${message}` : code);
    this.code = code;
    this.status = status;
  }
}

async function send(service, method, path, { query = [], headers = {}, body, payloadHash } = {}) {
  const s = await session();
  const all = { ...headers };
  sign({ method, host: location.host, path, query, headers: all, body, service, region: s.region,
    credentials: s, payloadHash });
  const search = query.length ? '?' + query.map(([k, v]) => `${uriEncode(k)}=${uriEncode(v ?? '')}`).join('&') : '';
  return fetch(path + search, { method, headers: all, body: method === 'GET' || method === 'HEAD' ? undefined : body });
}

/** A json-protocol call: `target` is the X-Amz-Target, e.g. `DynamoDB_20120810.ListTables`. */
export async function awsJson(service, target, input = {}, version = '1.1') {
  const response = await send(service, 'POST', '/', {
    headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amz-target': target },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const code = (data.__type || response.headers.get('x-amzn-errortype') || String(response.status)).split('#').pop();
    throw new AwsError(code, data.message || data.Message, response.status);
  }
  return data;
}

/** A rest-json call. Returns the parsed body, or `{ response, text }` when `raw` is set. */
export async function restJson(service, method, path, { query = [], body, headers = {}, raw = false } = {}) {
  const response = await send(service, method, path, {
    query,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  if (raw) return { response, text };
  const data = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const code = (response.headers.get('x-amzn-errortype') || data.__type || data.Type || String(response.status)).split(':')[0];
    throw new AwsError(code, data.message || data.Message, response.status);
  }
  return data;
}

/** An S3 call (path-style). Returns the parsed XML document, or the Response when `raw` is set. */
export async function s3(method, path, { query = [], body, headers = {}, raw = false } = {}) {
  const response = await send('s3', method, path, {
    query,
    headers,
    body,
    payloadHash: body instanceof Blob || body instanceof ArrayBuffer ? UNSIGNED_PAYLOAD : undefined,
  });
  if (!response.ok && response.status !== 304) {
    const xml = new DOMParser().parseFromString(await response.text(), 'application/xml');
    throw new AwsError(text(xml, 'Code') || String(response.status), text(xml, 'Message'), response.status);
  }
  if (raw) return response;
  const body2 = await response.text();
  return body2 ? new DOMParser().parseFromString(body2, 'application/xml') : null;
}

export async function s3DownloadUrl(bucket, key) {
  const s = await session();
  const path = '/' + uriEncode(bucket) + '/' + key.split('/').map(uriEncode).join('/');
  return presign({ host: location.host, path, service: 's3', region: s.region, credentials: s });
}

/** The text of the first element named `name` under `node`. */
export function text(node, name) {
  const found = node.getElementsByTagName(name)[0];
  return found ? found.textContent : '';
}

/** Nimbus's own JSON endpoints (/_nimbus/health, /_nimbus/costs). */
export async function nimbus(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

/** A SigV4-signed POST of JSON to a /_nimbus endpoint that changes something (run a schedule now). */
export async function nimbusPost(path, service, input) {
  const response = await send(service, 'POST', path, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error ?? `${path}: ${response.status}`);
  return data;
}

export const lambda = (method, path, options) => restJson('lambda', method, '/2015-03-31' + path, options);
export const logs = (operation, input) => awsJson('logs', 'Logs_20140328.' + operation, input);
export const metrics = (operation, input) => awsJson('monitoring', 'GraniteServiceVersion20100801.' + operation, input, '1.0');
export const dynamodb = (operation, input) => awsJson('dynamodb', 'DynamoDB_20120810.' + operation, input, '1.0');
export const events = (operation, input) => awsJson('events', 'AWSEvents.' + operation, input);
