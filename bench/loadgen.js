// Load generator for the benchmark harness (bench/run.py starts it; run with the pinned Node).
//
// Why our own: wrk and hey are closed-loop (a connection sends its next request only after the
// previous answer), so a stalled server also stalls the load and its latency looks better than
// what users would see ("coordinated omission"). wrk2 and vegeta are not available here.
//
// Two modes, one JSON document in (argv[2]) and one JSON line out (stdout):
//   open    requests are scheduled at fixed rates from the start time; each one's latency is
//           measured from its *scheduled* send time, so queueing anywhere (generator, kernel,
//           server) counts. A request that finds no free connection waits in a local queue,
//           its clock already running.
//   closed  `connections` connections each send a request, wait for the answer, send the next:
//           the way to measure capacity (answers per second). Its latency is not published.
//
// Every answer is checked: status 200 and the exact body bytes the harness expects for that
// path. Anything else counts as failed, by kind, so a wrong or broken server cannot look fast.
// Plain HTTP/1.1 over raw sockets with keep-alive, no pipelining; responses must carry
// Content-Length (both apps and nginx send it for these bodies; chunked counts as a failure).
'use strict';

const net = require('node:net');

const spec = JSON.parse(process.argv[2]);
const host = spec.host || '127.0.0.1';
const port = spec.port;
const timeoutMs = spec.timeout_seconds * 1000;
const durationMs = spec.duration_seconds * 1000;
const now = () => performance.now();

const streams = spec.streams.map((stream) => ({
  path: stream.path,
  rate: stream.rate || 0,
  expectedBody: Buffer.from(stream.expected_body_base64, 'base64'),
  request: Buffer.from(`GET ${stream.path} HTTP/1.1\r\nHost: ${host}:${port}\r\nUser-Agent: fvx-bench\r\n\r\n`),
  scheduled: 0,
  sent: 0,
  answered: 0,
  failed: { status: 0, body: 0, framing: 0, reset: 0, connect: 0 },
  latencies: [],
  sendLag: [],
  firstStatus: {},
}));

const pool = []; // idle connections
let openConnections = 0;
let connectionsOpened = 0;
let peakConnections = 0;
const waiting = []; // open mode: requests due but without a connection yet
const inFlight = new Set();
let stopping = false;
let measuringUntil = Infinity;

function fail(job, kind, detail) {
  inFlight.delete(job);
  job.stream.failed[kind] += 1;
  if (detail && Object.keys(job.stream.firstStatus).length < 3) job.stream.firstStatus[detail] = (job.stream.firstStatus[detail] || 0) + 1;
}

function finish(job, end) {
  inFlight.delete(job);
  job.stream.answered += 1;
  job.stream.latencies.push(end - job.clockStart);
}

function newConnection() {
  openConnections += 1;
  connectionsOpened += 1;
  peakConnections = Math.max(peakConnections, openConnections);
  const socket = net.connect({ host, port });
  socket.setNoDelay(true);
  const connection = { socket, job: null, buffer: Buffer.alloc(0), ready: false, closed: false, onReady: null };
  socket.on('connect', () => {
    connection.ready = true;
    if (connection.onReady) { const go = connection.onReady; connection.onReady = null; go(); }
  });
  socket.on('data', (chunk) => onData(connection, chunk));
  const close = (kind) => {
    if (connection.closed) return;
    connection.closed = true;
    openConnections -= 1;
    const index = pool.indexOf(connection);
    if (index >= 0) pool.splice(index, 1);
    if (connection.job) { const job = connection.job; connection.job = null; fail(job, connection.ready ? kind : 'connect'); afterFree(job.stream); }
    if (connection.onReady) connection.onReady = null;
    // A request queued because every connection was busy takes the freed slot.
    if (waiting.length) dispatch(waiting.shift());
  };
  socket.on('error', () => close('reset'));
  socket.on('close', () => close('reset'));
  return connection;
}

function send(connection, job) {
  connection.job = job;
  const write = () => {
    job.sentAt = now();
    job.stream.sent += 1;
    if (spec.mode === 'open') job.stream.sendLag.push(job.sentAt - job.clockStart);
    else job.clockStart = job.sentAt;
    connection.socket.write(job.stream.request);
  };
  if (connection.ready) write(); else connection.onReady = write;
}

function onData(connection, chunk) {
  connection.buffer = connection.buffer.length ? Buffer.concat([connection.buffer, chunk]) : chunk;
  for (;;) {
    const job = connection.job;
    const buffer = connection.buffer;
    const headEnd = buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = buffer.subarray(0, headEnd).toString('latin1');
    const status = Number(head.slice(9, 12));
    const lengthMatch = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    const closeAfter = /\r\nconnection:\s*close/i.test(head);
    if (!job) { connection.socket.destroy(); return; } // an answer nobody asked for: protocol error
    if (!lengthMatch) { // chunked or close-delimited: not what either app sends here
      connection.job = null;
      fail(job, 'framing', `no Content-Length (status ${status})`);
      connection.socket.destroy();
      afterFree(job.stream);
      return;
    }
    const bodyEnd = headEnd + 4 + Number(lengthMatch[1]);
    if (buffer.length < bodyEnd) return;
    const end = now();
    const body = buffer.subarray(headEnd + 4, bodyEnd);
    connection.buffer = buffer.subarray(bodyEnd);
    connection.job = null;
    if (status !== 200) fail(job, 'status', `status ${status}`);
    else if (!body.equals(job.stream.expectedBody)) fail(job, 'body', 'unexpected body');
    else finish(job, end);
    if (closeAfter) connection.socket.destroy(); // 'close' handler forgets it
    else release(connection);
    afterFree(job.stream);
  }
}

function release(connection) {
  if (connection.closed) return;
  // Queued requests go out even after the schedule ended (during the wait for answers): they
  // were due, and their clocks are running.
  if (waiting.length) { send(connection, waiting.shift()); return; }
  connection.idleSince = now();
  pool.push(connection);
}

// Open mode: a finished request frees a connection for the queue (release does that).
// Closed mode: the stream's connection sends its next request at once.
function afterFree(stream) {
  if (spec.mode !== 'closed' || stopping) return;
  dispatch({ stream, clockStart: 0 });
}

// A connection idle for longer than this is closed rather than reused: the servers close idle
// keep-alive connections after their own timeout (gunicorn's default is 2 s, the shortest here),
// and a request written just as the server closes would be lost to a race that is the client's,
// not the server's. Real HTTP clients avoid it the same way (or retry).
const MAX_IDLE_MS = 1000;

function dispatch(job) {
  inFlight.add(job);
  let connection = pool.pop();
  while (connection && now() - connection.idleSince > MAX_IDLE_MS) {
    connection.socket.destroy();
    connection = pool.pop();
  }
  if (connection) { send(connection, job); return; }
  if (openConnections < spec.connections) { send(newConnection(), job); return; }
  waiting.push(job);
}


function report(startedAt, endedAt) {
  const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null);
  const summary = (values) => {
    if (!values.length) return null;
    const sorted = Float64Array.from(values).sort();
    const round = (value) => Math.round(value * 1000) / 1000;
    return {
      p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), p99: round(percentile(sorted, 99)),
      p999: round(percentile(sorted, 99.9)), max: round(sorted[sorted.length - 1]),
      mean: round(values.reduce((a, b) => a + b, 0) / values.length),
    };
  };
  const elapsed = (endedAt - startedAt) / 1000;
  const usage = process.cpuUsage();
  return {
    mode: spec.mode,
    measured_seconds: Math.round(elapsed * 1000) / 1000,
    connections_opened: connectionsOpened,
    peak_connections: peakConnections,
    generator_cpu_seconds: Math.round((usage.user + usage.system) / 1000) / 1000,
    streams: streams.map((stream) => {
      const unanswered = [...inFlight].filter((job) => job.stream === stream);
      const notSent = unanswered.filter((job) => job.sentAt === undefined).length;
      return {
        path: stream.path,
        rate: stream.rate,
        scheduled: spec.mode === 'open' ? stream.scheduled : stream.sent,
        sent: stream.sent,
        answered: stream.answered,
        failed: stream.failed,
        unanswered: unanswered.length - notSent,
        not_sent: notSent,
        answered_per_second: Math.round((stream.answered / elapsed) * 10) / 10,
        latency_ms: summary(stream.latencies),
        send_lag_ms: spec.mode === 'open' ? summary(stream.sendLag) : null,
        failure_examples: stream.firstStatus,
      };
    }),
  };
}

function stopAndReport(startedAt) {
  stopping = true;
  const sendingEndedAt = now();
  // Wait up to the timeout for every due request (queued ones are sent as connections free up);
  // whatever is still queued then was never sent, whatever is still out was never answered.
  const waitStarted = now();
  const poll = setInterval(() => {
    if (inFlight.size === 0 || now() - waitStarted > timeoutMs) {
      clearInterval(poll);
      const result = report(startedAt, spec.mode === 'open' ? sendingEndedAt : now());
      process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`, () => process.exit(0));
    }
  }, 20);
}

function runOpen() {
  const startedAt = now();
  measuringUntil = startedAt + durationMs;
  const tick = () => {
    const t = Math.min(now(), measuringUntil);
    for (const stream of streams) {
      // Request i is due at startedAt + i / rate (the first at once); none is due at or after the end.
      const due = Math.min(Math.floor(((t - startedAt) / 1000) * stream.rate) + 1, Math.ceil((durationMs / 1000) * stream.rate));
      while (stream.scheduled < due) {
        const clockStart = startedAt + (stream.scheduled * 1000) / stream.rate; // the intended send time
        stream.scheduled += 1;
        dispatch({ stream, clockStart });
      }
    }
    if (t >= measuringUntil) stopAndReport(startedAt); else setImmediate(tick);
  };
  tick();
}

function runClosed() {
  const startedAt = now();
  // Each connection serves one stream (round robin over the streams) for the whole run.
  for (let index = 0; index < spec.connections; index += 1) dispatch({ stream: streams[index % streams.length], clockStart: 0 });
  setTimeout(() => stopAndReport(startedAt), durationMs);
}

// A hard stop, in case the server never answers and the sockets never close.
setTimeout(() => { process.stderr.write('loadgen: hard deadline reached\n'); process.exit(3); }, durationMs + timeoutMs + 10000).unref();

if (spec.mode === 'open') runOpen();
else if (spec.mode === 'closed') runClosed();
else { process.stderr.write(`loadgen: unknown mode ${spec.mode}\n`); process.exit(2); }
