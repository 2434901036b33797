// The Express app that the benchmark harness serves; the Flask twin is flask_app.py.
//
// Same routes, byte-identical bodies and Content-Types (see flask_app.py for what each route
// does). Production settings, as Express's performance guide describes: the harness sets
// NODE_ENV=production; X-Powered-By is off; ETags are off because Flask sends none for these
// dynamic answers, so both servers do the same work per request.
//
//   node express_app.js --port 3000               one process, one event loop
//   node express_app.js --port 3000 --workers 2   node:cluster, that many worker processes
//   BENCH_CPU_MODE=worker-threads node express_app.js --port 3000
//                                                 /cpu runs in a worker-thread pool instead of
//                                                 blocking the event loop
// Imported (require) it only builds the app, so tests can use it without a server.
'use strict';

const cluster = require('node:cluster');
const os = require('node:os');
const { setTimeout: sleep } = require('node:timers/promises');
const express = require('express');
const { spin } = require('./spin');

const IO_WAIT_MS = Number(process.env.BENCH_IO_WAIT_MS || 50);
const HOLD_MS = Number(process.env.BENCH_HOLD_MS || 5000);
const CPU_ITERATIONS = Number(process.env.BENCH_CPU_ITERATIONS || 100000);
const CPU_MODE = process.env.BENCH_CPU_MODE || 'blocking';
const RUN_TOKEN = process.env.BENCH_TOKEN || 'bench';

const JSON_DOCUMENT = {
  message: 'Hello, World!',
  items: Array.from({ length: 10 }, (_, number) => ({
    id: number,
    name: `item ${number}`,
    active: number % 2 === 0,
  })),
};

function createApp(cpuMode = CPU_MODE) {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const text = (res, body) => res.type('text/plain').send(body);
  app.get('/health', (req, res) => text(res, RUN_TOKEN));
  app.get('/hello', (req, res) => text(res, 'Hello, World!'));
  app.get('/json', (req, res) => res.json(JSON_DOCUMENT));
  app.get('/io', async (req, res) => {
    await sleep(IO_WAIT_MS); // frees the event loop while waiting, as an async driver would
    text(res, 'waited');
  });
  if (cpuMode === 'worker-threads') {
    const pool = require('./cpu_pool').createPool(Math.max(1, os.availableParallelism()));
    app.get('/cpu', async (req, res) => text(res, String(await pool.run(CPU_ITERATIONS))));
  } else if (cpuMode === 'blocking') {
    // Synchronous on purpose: the "blocking the event loop" case Node's docs warn about.
    app.get('/cpu', (req, res) => text(res, String(spin(CPU_ITERATIONS))));
  } else {
    throw new Error(`BENCH_CPU_MODE must be 'blocking' or 'worker-threads', not '${cpuMode}'`);
  }
  app.get('/hold', async (req, res) => {
    await sleep(HOLD_MS);
    text(res, 'held');
  });
  return app;
}

function parseArguments(argv) {
  const options = { host: '127.0.0.1', port: 3000, workers: 0 };
  for (let index = 0; index < argv.length; index += 2) {
    const [name, value] = [argv[index], argv[index + 1]];
    if (name === '--port') options.port = Number(value);
    else if (name === '--host') options.host = value;
    else if (name === '--workers') options.workers = Number(value);
    else throw new Error(`unknown option ${name}`);
  }
  return options;
}

function listen(options) {
  const server = createApp().listen(options.port, options.host);
  server.on('error', (error) => {
    console.error(`express_app: cannot listen on ${options.host}:${options.port}: ${error.code || error.message}`);
    process.exit(1);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // A cluster worker whose primary has gone must not linger as an orphan.
  if (cluster.isWorker) process.on('disconnect', () => process.exit(0));
}

function main() {
  const options = parseArguments(process.argv.slice(2));
  if (options.workers > 0 && cluster.isPrimary) {
    for (let index = 0; index < options.workers; index += 1) cluster.fork();
    cluster.on('exit', (worker, code, signal) => {
      if (!worker.exitedAfterDisconnect) {
        console.error(`express_app: worker ${worker.process.pid} exited (${signal || code}); stopping`);
        process.exit(1);
      }
    });
    const stop = () => {
      for (const worker of Object.values(cluster.workers)) worker.kill('SIGTERM');
      process.exit(0);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    return;
  }
  listen(options);
}

if (require.main === module) main();
else module.exports = { createApp };
