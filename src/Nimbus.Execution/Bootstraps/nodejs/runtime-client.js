'use strict';
// The Runtime API client of Nimbus's Node.js runtime (bootstrap.js).
const net = require('net');

module.exports = (apiHost, apiPort, PREFIX, socketPath) => {
  // A minimal HTTP/1.1 client on one keep-alive socket: the http module costs more per request than the whole
  // Runtime API round trip. The socket is unref'd while no answer is awaited so that, as with AWS's native client, it
  // does not keep the event loop alive (callbackWaitsForEmptyEventLoop depends on that). Requests may be pipelined
  // (RFC 9112 §9.3): answers arrive in request order and settle the waiters first in, first out.
  let socket = null;
  let received = null;
  const waiters = [];
  const HOST_LINE = `Host: ${apiHost}:${apiPort}\r\n`;
  const NEXT_REQUEST = `GET ${PREFIX}/invocation/next HTTP/1.1\r\n${HOST_LINE}\r\n`;

  function connect() {
    // In a network-isolated sandbox the Runtime API's Unix socket is mounted in: one hop less than its TCP bridge.
    socket = socketPath ? net.connect({ path: socketPath }) : net.connect({ host: apiHost, port: Number(apiPort) });
    if (!socketPath) socket.setNoDelay(true);
    socket.on('data', (chunk) => {
      received = received === null ? chunk : Buffer.concat([received, chunk]);
      parseResponses();
    });
    const fail = (e) => {
      socket = null;
      received = null;
      const pending = waiters.splice(0);
      for (const w of pending) w.reject(e || new Error('Runtime API connection closed'));
    };
    socket.on('error', fail);
    socket.on('close', () => fail());
  }

  // Settles every waiter whose answer is complete; a partial answer stays in `received` for the next chunk.
  function parseResponses() {
    while (received !== null && waiters.length) {
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const lines = received.toString('latin1', 0, end).split('\r\n');
      const status = Number(lines[0].slice(9, 12));
      const headers = {};
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i];
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] || 0);
      const total = end + 4 + length;
      if (received.length < total) return;
      const body = received.subarray(end + 4, total);
      received = received.length === total ? null : received.subarray(total);
      if (status === 100) continue;
      const w = waiters.shift();
      if (waiters.length === 0) socket.unref();
      w.resolve({ status, headers, body });
    }
  }

  function formatRequest(method, urlPath, body, headers) {
    let head = `${method} ${PREFIX}${urlPath} HTTP/1.1\r\n${HOST_LINE}`;
    if (headers) for (const name of Object.keys(headers)) head += `${name}: ${headers[name]}\r\n`;
    if (body !== undefined) head += `Content-Length: ${Buffer.byteLength(body)}\r\n`;
    head += '\r\n';
    return body === undefined ? head : head + body;
  }

  // Writes `text` (one or more requests) in one write and returns a promise per request, in order.
  function send(text, count) {
    if (!socket) connect();
    if (waiters.length === 0) socket.ref();
    socket.write(text);
    const answers = [];
    for (let i = 0; i < count; i++) answers.push(new Promise((resolve, reject) => { waiters.push({ resolve, reject }); }));
    return answers;
  }

  // The previous invocation's answer (a POST) and the next GET leave in one write; the Runtime API then sends the 202
  // and the next event together, so this process wakes once per invocation. The 202 itself needs no action.
  function nextInvocation(answer) {
    if (answer === null) return send(NEXT_REQUEST, 1)[0];
    const [posted, next] = send(answer + NEXT_REQUEST, 2);
    posted.catch(() => {});
    return next;
  }

  return { formatRequest, send, nextInvocation };
};
