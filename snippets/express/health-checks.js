// Liveness and readiness endpoints for a load balancer or orchestrator, and graceful shutdown.
//
// /healthz answers while the process can serve at all (restart me if not); /readyz also checks
// what requests need - here the SQLite database - and answers 503 when traffic should go
// elsewhere, including while the process is shutting down. On SIGTERM or SIGINT the server
// stops accepting connections, finishes the requests in flight, then exits 0.
const { DatabaseSync } = require('node:sqlite');
const express = require('express');

const app = express();
app.disable('x-powered-by');
app.locals.databasePath = process.env.DATABASE_PATH ?? 'app.sqlite3';
app.locals.shuttingDown = false;

{
  // Fail at start-up, not on the first request.
  const setup = new DatabaseSync(app.locals.databasePath);
  setup.exec('CREATE TABLE IF NOT EXISTS visits (id INTEGER PRIMARY KEY, at TEXT NOT NULL)');
  setup.close();
}

function databaseOk() {
  let db;
  try {
    // timeout: a locked database must not make the probe hang past the prober's own timeout.
    db = new DatabaseSync(app.locals.databasePath, { timeout: 1000 });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch (error) {
    console.error('readiness: database check failed:', error.message); // details in the log only
    return false;
  } finally {
    db?.close();
  }
}

app.get('/healthz', (req, res) => {
  // Checks nothing outside the process: if a dependency is down, restarting this process
  // would not help, so liveness must not fail for that.
  res.json({ status: 'ok' });
});

app.get('/readyz', (req, res) => {
  const checks = { database: databaseOk() ? 'ok' : 'failed' };
  if (app.locals.shuttingDown) checks.shutdown = 'in progress';
  const ready = Object.values(checks).every((result) => result === 'ok');
  res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
});

app.get('/slow', async (req, res) => {
  // Stands for a request that takes a while, to watch shutdown wait for it.
  await new Promise((resolve) => setTimeout(resolve, 500));
  res.json({ done: true });
});

// Anything no route matched: JSON, like every other answer.
app.use((req, res) => {
  res.status(404).json({ error: 'not found' });
});

// The final error handler: 4xx errors say what was wrong; anything else is logged and
// answered without details, so no stack trace or file path reaches the client.
app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  const status = err.status ?? err.statusCode;
  if (status >= 400 && status < 500) {
    return res.status(status).json({ error: err.expose ? err.message : 'bad request' });
  }
  console.error(err);
  res.status(500).json({ error: 'internal server error' });
});

// Stop taking new connections and exit once the requests in flight are answered. Since
// Node 19, server.close() also closes idle keep-alive connections. The timer is the backstop
// for a request that never ends; supervisors send SIGKILL after their own grace period anyway.
function shutDownGracefully(server, signal, graceMs = 10_000) {
  if (app.locals.shuttingDown) return;
  app.locals.shuttingDown = true; // /readyz now answers 503 on connections still open
  console.log(`${signal} received: finishing requests in flight`);
  server.close((error) => process.exit(error ? 1 : 0));
  setTimeout(() => {
    console.error(`requests still running after ${graceMs} ms: exiting anyway`);
    process.exit(1);
  }, graceMs).unref();
}

module.exports = app;

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000); // PORT=0 picks a free port (the tests use it)
  const host = process.env.HOST || '127.0.0.1';
  const server = app.listen(port, host, (error) => {
    // Express 5 hands listen errors (port in use, no permission) to this callback.
    if (error) {
      console.error(`cannot listen on ${host}:${port}: ${error.code || error.message}`);
      process.exit(1);
    }
    console.log(`Listening on http://${host}:${server.address().port}`);
  });
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => shutDownGracefully(server, signal));
}
