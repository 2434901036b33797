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
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new Error(`WEB_CONCURRENCY must be a positive integer, got '${text}'`);
  return Number(text);
}

function runPrimary() {
  let stopping = false;
  for (let i = 0; i < workerCount(); i += 1) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  process.on('SIGTERM', () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers)) worker.process.kill('SIGTERM');
  });
}

function runWorker() {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  // The workers share the listening socket: the primary hands connections to them.
  const server = app.listen(port, host, () => console.log(`worker ${process.pid} listening on http://${host}:${port}`));
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
