'use strict';
// Nimbus's Node.js runtime: the Lambda Runtime API loop, handler loading, the context object, AWS's console
// format and error serialization (modelled on aws-lambda-nodejs-runtime-interface-client).
const path = require('path');
const fs = require('fs');
const util = require('util');
const { pathToFileURL } = require('url');
const createRuntimeClient = require('./runtime-client.js');

// A stem cell (NIMBUS_STEM_CELL): started before any function was chosen, it blocks here until Nimbus writes the
// function's complete environment to stdin as one JSON line, then becomes that function exactly as a fresh process
// would have started (same variables, module paths and working directory). Everything above is what it saved.
if (process.env.NIMBUS_STEM_CELL) becomeFunction();

function becomeFunction() {
  fs.writeSync(1, '\0nimbus:ready\n'); // booted: Nimbus prefers cells that said so (and strips this line)
  const chunks = [];
  const buf = Buffer.alloc(65536);
  for (;;) {
    let n;
    try {
      n = fs.readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
      continue;
    }
    if (n === 0) process.exit(0); // discarded before use: nothing to become
    chunks.push(Buffer.from(buf.subarray(0, n)));
    if (buf[n - 1] === 10) break;
  }
  const env = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
  require('module')._initPaths(); // NODE_PATH is read at start-up; read it again
  process.chdir(env.LAMBDA_TASK_ROOT);
}


const [apiHost, apiPort] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const taskRoot = process.env.LAMBDA_TASK_ROOT;
const handlerSpec = process.env._HANDLER || '';
const PREFIX = '/2018-06-01/runtime';

let currentRequestId = null;
// The environment starts without a trace id (the runtime's start-up environment never carries one).
let lastTraceId = process.env._X_AMZN_TRACE_ID;
// Settles the running invocation with null when the event loop drains without an answer (as AWS's runtime does).
let settleOnEmptyLoop = null;
process.on('beforeExit', () => { if (settleOnEmptyLoop) settleOnEmptyLoop(); });

const { formatRequest, send, nextInvocation } = createRuntimeClient(apiHost, apiPort, PREFIX, process.env.NIMBUS_RUNTIME_API_SOCKET);

// ---- logging: "<ISO time>\t<request id>\t<LEVEL>\t<message>", newlines as \r so a message stays one event.
function writeLine(level, args) {
  const message = util.format.apply(util, args).replace(/\n/g, '\r');
  process.stdout.write(`${new Date().toISOString()}\t${currentRequestId || 'undefined'}\t${level}\t${message}\n`);
}
console.log = (...args) => writeLine('INFO', args);
console.info = (...args) => writeLine('INFO', args);
console.warn = (...args) => writeLine('WARN', args);
console.error = (...args) => writeLine('ERROR', args);
console.debug = (...args) => writeLine('DEBUG', args);
console.trace = (...args) => writeLine('TRACE', args);
console.fatal = (...args) => writeLine('FATAL', args);

// ---- errors as the AWS Node.js runtime serializes them.
function toError(err) {
  if (err instanceof Error) {
    return {
      errorType: err.name || 'Error',
      errorMessage: err.message,
      trace: typeof err.stack === 'string' ? err.stack.split('\n') : [],
    };
  }
  if (err === undefined || err === null) {
    return { errorType: 'handled', errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack' };
  }
  return { errorType: typeof err, errorMessage: String(err), trace: [] };
}

class UserCodeError extends Error {
  constructor(name, message, cause) {
    super(message);
    this.name = name;
    if (cause && cause.stack) this.stack = `${name}: ${message}\n` + cause.stack.split('\n').slice(1).join('\n');
  }
}

// Node writes to a full pipe asynchronously: wait until everything written so far reached the pipe, so that the
// function's output precedes END (an empty write's callback runs after every earlier write completed).
function flushStdio() {
  const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
  if (pending.length === 0) return null;
  return Promise.all(pending.map((s) => new Promise((resolve) => s.write('', resolve))));
}

// The error request for `err`, once the function's output so far has reached the pipe.
async function errorRequest(urlPath, err) {
  const doc = toError(err);
  writeLine('ERROR', [`Invoke Error \t${JSON.stringify(doc)}`]);
  const flushing = flushStdio();
  if (flushing) await flushing;
  return formatRequest('POST', urlPath, JSON.stringify(doc), { 'Content-Type': 'application/json', 'Lambda-Runtime-Function-Error-Type': doc.errorType });
}

async function postError(urlPath, err) {
  await send(await errorRequest(urlPath, err), 1)[0];
}

// ---- handler loading: "dir/file.export[.nested]"; .mjs and "type":"module" packages are ES modules.
function isModulePackage(dir) {
  for (let d = dir; d.startsWith(taskRoot); d = path.dirname(d)) {
    const pkg = path.join(d, 'package.json');
    if (fs.existsSync(pkg)) {
      try { return JSON.parse(fs.readFileSync(pkg, 'utf8')).type === 'module'; } catch { return false; }
    }
    if (d === taskRoot) break;
  }
  return false;
}

async function loadHandler() {
  const slash = handlerSpec.lastIndexOf('/');
  const dir = handlerSpec.slice(0, slash + 1);
  const rest = handlerSpec.slice(slash + 1);
  const dot = rest.indexOf('.');
  if (dot < 0) throw new UserCodeError('Runtime.MalformedHandlerName', "Bad handler");
  const moduleName = rest.slice(0, dot);
  const exportPath = rest.slice(dot + 1).split('.');
  const base = path.resolve(taskRoot, dir, moduleName);
  let loaded;
  try {
    if (fs.existsSync(base + '.mjs')) {
      loaded = await import(pathToFileURL(base + '.mjs').href);
    } else if (fs.existsSync(base + '.cjs')) {
      loaded = require(base + '.cjs');
    } else if (fs.existsSync(base + '.js') && isModulePackage(path.dirname(base))) {
      loaded = await import(pathToFileURL(base + '.js').href);
    } else {
      loaded = require(fs.existsSync(base + '.js') ? base + '.js' : (dir ? base : moduleName));
    }
  } catch (e) {
    if (e instanceof SyntaxError) throw new UserCodeError('Runtime.UserCodeSyntaxError', `${e.name}: ${e.message}`, e);
    if (e && (e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_MODULE_NOT_FOUND')) {
      throw new UserCodeError('Runtime.ImportModuleError', `Error: Cannot find module '${moduleName}'\nRequire stack:\n- ${__filename}`, e);
    }
    throw e;
  }
  let fn = loaded;
  for (const part of exportPath) fn = fn == null ? undefined : fn[part];
  if (fn === undefined && loaded && loaded.default) {
    fn = loaded.default;
    for (const part of exportPath) fn = fn == null ? undefined : fn[part];
  }
  if (typeof fn !== 'function') {
    throw new UserCodeError('Runtime.HandlerNotFound', `${moduleName}.${exportPath.join('.')} is undefined or not exported`);
  }
  return fn;
}

function makeContext(headers, deadline, finish) {
  const ctx = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: headers['lambda-runtime-client-context'] ? JSON.parse(headers['lambda-runtime-client-context']) : undefined,
    identity: headers['lambda-runtime-cognito-identity'] ? JSON.parse(headers['lambda-runtime-cognito-identity']) : undefined,
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done: (err, result) => finish(err, result),
    succeed: (result) => finish(null, result),
    fail: (err) => finish(err || 'handled', undefined),
  };
  return ctx;
}

// Runs one invocation and returns its answer (the POST request's text), which the caller sends with the next GET.
async function invoke(handler, res) {
  const requestId = res.headers['lambda-runtime-aws-request-id'];
  const deadline = Number(res.headers['lambda-runtime-deadline-ms']);
  currentRequestId = requestId;
  // process.env is a slow native accessor: only touch it when the trace id changes.
  const traceId = res.headers['lambda-runtime-trace-id'];
  if (traceId !== lastTraceId) {
    if (traceId) process.env._X_AMZN_TRACE_ID = traceId;
    else delete process.env._X_AMZN_TRACE_ID;
    lastTraceId = traceId;
  }
  let event = null;
  let unmarshalError = null;
  try {
    event = res.body.length ? JSON.parse(res.body.toString('utf8')) : null;
  } catch (e) {
    unmarshalError = new UserCodeError('Runtime.UnmarshalError', `Unable to parse input as JSON: ${e.message}`, e);
  }

  let settled = false;
  let resolveDone;
  const done = new Promise((r) => { resolveDone = r; });
  let context;
  const finish = (err, result, viaCallback) => {
    if (settled) return;
    settled = true;
    settleOnEmptyLoop = null;
    const post = () => resolveDone({ err, result });
    // callback(err, result) with callbackWaitsForEmptyEventLoop: answer once the event loop has drained.
    if (viaCallback && context.callbackWaitsForEmptyEventLoop) process.once('beforeExit', post);
    else post();
  };
  context = makeContext(res.headers, deadline, (e, r) => finish(e, r, true));
  const callback = (err, result) => finish(err, result, true);
  settleOnEmptyLoop = () => finish(null, null, false);
  try {
    if (unmarshalError) throw unmarshalError;
    const returned = handler(event, context, callback);
    if (returned && typeof returned.then === 'function') {
      returned.then((r) => finish(null, r, false), (e) => finish(e === undefined ? new Error('undefined') : e, undefined, false));
    } else if (handler.length < 3 && returned !== undefined) {
      finish(null, returned, false);
    } else if (handler.length < 3) {
      finish(null, null, true);
    }
  } catch (e) {
    finish(e, undefined, false);
  }
  const { err, result } = await done;
  if (err !== null && err !== undefined) {
    return errorRequest(`/invocation/${requestId}/error`, err);
  } else {
    let body;
    try {
      body = result === undefined ? 'null' : JSON.stringify(result);
    } catch (e) {
      // AWS's wording when the handler's result cannot be serialized.
      return errorRequest(`/invocation/${requestId}/error`, new UserCodeError('Runtime.MarshalError', `Unable to stringify response body as json: ${e.message}`, e));
    }
    if (body === undefined) body = 'null';
    const flushing = flushStdio();
    if (flushing) await flushing;
    return formatRequest('POST', `/invocation/${requestId}/response`, body, { 'Content-Type': 'application/json' });
  }
}

async function main() {
  let handler;
  try {
    handler = await loadHandler();
  } catch (e) {
    await postError('/init/error', e);
    process.exit(129);
  }
  process.on('uncaughtException', async (e) => {
    writeLine('ERROR', [`Uncaught Exception \t${JSON.stringify(toError(e))}`]);
    if (currentRequestId) await postError(`/invocation/${currentRequestId}/error`, e).catch(() => {});
    process.exit(129);
  });
  process.on('unhandledRejection', async (reason) => {
    const e = reason instanceof Error ? reason : new Error(String(reason));
    e.name = 'Runtime.UnhandledPromiseRejection';
    writeLine('ERROR', [`Unhandled Promise Rejection \t${JSON.stringify(toError(e))}`]);
    if (currentRequestId) await postError(`/invocation/${currentRequestId}/error`, e).catch(() => {});
    process.exit(128);
  });
  let answer = null;
  for (;;) {
    const res = await nextInvocation(answer);
    answer = await invoke(handler, res);
  }
}

main().catch((e) => {
  process.stderr.write(`Nimbus runtime failure: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
