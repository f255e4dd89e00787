// AWS Signature Version 4, as the SDKs sign: the console calls the same APIs on the same endpoint as any client.
import { hex, hmacSha256, sha256 } from './sha256.js';

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

// RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone).
export function uriEncode(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export function amzDate(now = new Date()) {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Signs a request in place: adds x-amz-date, x-amz-content-sha256 and Authorization to `headers`.
 * `path` is the path as it will be sent (already percent-encoded); `query` an array of [name, value] pairs.
 */
export function sign({ method, host, path, query = [], headers, body, service, region, credentials, payloadHash }) {
  const date = amzDate();
  const day = date.slice(0, 8);
  const hash = payloadHash ?? hex(sha256(body ?? ''));
  headers['x-amz-date'] = date;
  headers['x-amz-content-sha256'] = hash;

  const signed = { ...lowerCaseKeys(headers), host };
  const names = Object.keys(signed).sort();
  const canonicalHeaders = names.map(n => `${n}:${String(signed[n]).trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalQuery = query
    .map(([k, v]) => [uriEncode(k), uriEncode(v ?? '')])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  // S3 signs the path as sent; every other service signs it encoded once more.
  const canonicalPath = service === 's3' ? path : path.split('/').map(uriEncode).join('/');
  const canonicalRequest = [method, canonicalPath, canonicalQuery, canonicalHeaders, names.join(';'), hash].join('\n');

  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, hex(sha256(canonicalRequest))].join('\n');
  let key = hmacSha256('AWS4' + credentials.secretAccessKey, day);
  key = hmacSha256(key, region);
  key = hmacSha256(key, service);
  key = hmacSha256(key, 'aws4_request');
  const signature = hex(hmacSha256(key, stringToSign));
  headers['Authorization'] =
    `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return headers;
}

/** A presigned GET URL (query-string SigV4), for downloads the browser performs itself. */
export function presign({ host, path, service, region, credentials, expiresSeconds = 900 }) {
  const date = amzDate();
  const day = date.slice(0, 8);
  const scope = `${day}/${region}/${service}/aws4_request`;
  const query = [
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
    ['X-Amz-Credential', `${credentials.accessKeyId}/${scope}`],
    ['X-Amz-Date', date],
    ['X-Amz-Expires', String(expiresSeconds)],
    ['X-Amz-SignedHeaders', 'host'],
  ];
  const canonicalQuery = query.map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`).sort().join('&');
  const canonicalRequest = ['GET', path, canonicalQuery, `host:${host}\n`, 'host', UNSIGNED_PAYLOAD].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, hex(sha256(canonicalRequest))].join('\n');
  let key = hmacSha256('AWS4' + credentials.secretAccessKey, day);
  for (const part of [region, service, 'aws4_request']) key = hmacSha256(key, part);
  return `${path}?${canonicalQuery}&X-Amz-Signature=${hex(hmacSha256(key, stringToSign))}`;
}

function lowerCaseKeys(headers) {
  const out = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}
