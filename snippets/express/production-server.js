// Production server: Node's cluster module runs one worker process per CPU core, restarts
// workers that crash, and shuts down gracefully on SIGTERM. A process manager (systemd, a
// container runtime, or PM2) still starts this primary process and restarts it if it dies.
const cluster = require('node:cluster');
const os = require('node:os');
const http = require('node:http');
const express = require('express');

const app = express();
app.disable('x-powered-by');

if (process.env.BEHIND_PROXY === '1') {
  // Trust one proxy's X-Forwarded-* headers, so req.ip and req.protocol see the client's
  // address and https. Only enable it when a proxy really sits in front.
  app.set('trust proxy', 1);
}

app.get('/healthz', (req, res) => {
  res.json({ status: 'ok' });
});

app.get('/', (req, res) => {
  res.json({ message: 'served by a worker process', pid: process.pid });
});

// No route matched: a JSON 404 instead of Express's HTML "Cannot GET" page.
app.use((req, res) => {
  res.status(404).json({ error: 'not found' });
});

// The final error handler (four arguments). Errors with a 4xx status (e.g. from a body parser)
// get that status and its standard short reason; anything else is a bug: log it for operators,
// tell the client nothing. Express's default handler would send the stack trace unless
// NODE_ENV is "production", so never rely on it.
app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  const status = Number(err.status ?? err.statusCode);
  if (status >= 400 && status < 500) {
    return res.status(status).json({ error: http.STATUS_CODES[status]?.toLowerCase() ?? 'bad request' });
  }
  console.error(err);
  res.status(500).json({ error: 'internal server error' });
});

module.exports = app;

function workerCount() {
  const text = process.env.WEB_CONCURRENCY ?? String(os.availableParallelism());
  if (!/^[0-9]+$/.test(text) || Number(text) < 1) {
    throw new RangeError(`WEB_CONCURRENCY must be a positive whole number, got '${text}'`);
  }
  return Number(text);
}

function runPrimary() {
  let count;
  try {
    count = workerCount();
  } catch (error) {
    console.error(`configuration error: ${error.message}`); // a sentence, not a stack trace
    process.exit(1);
  }
  let stopping = false;
  const stopAll = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers)) worker.process.kill('SIGTERM');
  };
  cluster.on('listening', (worker) => {
    worker.started = true;
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    if (!worker.started) {
      // It died before listening (port in use, a broken import): a new one would die the same
      // way, forever. Stop everything and exit non-zero so the supervisor sees the failure.
      console.error(`worker ${worker.process.pid} failed to start (${signal ?? code}); stopping`);
      process.exitCode = 1;
      stopAll();
      return;
    }
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  // The primary exits by itself once the last worker has gone.
  process.on('SIGTERM', stopAll);
  process.on('SIGINT', stopAll);
  for (let i = 0; i < count; i += 1) cluster.fork();
}

function runWorker() {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  // The workers share the listening socket: the primary hands connections to them.
  const server = app.listen(port, host, (error) => {
    // Express 5 hands listen errors (port in use, no permission) to this callback.
    if (error) {
      console.error(`worker ${process.pid} cannot listen on ${host}:${port}: ${error.code ?? error.message}`);
      process.exit(1);
    }
    console.log(`worker ${process.pid} listening on http://${host}:${port}`);
  });
  process.on('SIGTERM', () => {
    // Stop accepting connections, finish in-flight requests, then exit; force it after 10 s.
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(1), 10_000).unref();
  });
}

if (require.main === module) {
  if (cluster.isPrimary) runPrimary();
  else runWorker();
}
