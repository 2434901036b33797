// The Express app that the benchmark harness serves; the Flask twin is flask_app.py.
//
// Same five routes, same bodies (see flask_app.py for what each one does). Run standalone:
//   node express_app.js --port 3000               one process, one event loop
//   node express_app.js --port 3000 --workers 2   node:cluster, one worker process per core
// Imported (require) it only builds the app, so tests can use it without a server.
'use strict';

const cluster = require('node:cluster');
const crypto = require('node:crypto');
const { setTimeout: sleep } = require('node:timers/promises');
const express = require('express');

const IO_WAIT_MS = Number(process.env.BENCH_IO_WAIT_MS || 50);
const CPU_ITERATIONS = Number(process.env.BENCH_CPU_ITERATIONS || 20000);
const RUN_TOKEN = process.env.BENCH_TOKEN || 'bench';

const JSON_DOCUMENT = {
  message: 'Hello, World!',
  items: Array.from({ length: 10 }, (_, number) => ({
    id: number,
    name: `item ${number}`,
    active: number % 2 === 0,
  })),
};

function createApp() {
  const app = express();
  app.get('/health', (req, res) => res.type('text/plain').send(RUN_TOKEN));
  app.get('/hello', (req, res) => res.type('text/plain').send('Hello, World!'));
  app.get('/json', (req, res) => res.json(JSON_DOCUMENT));
  app.get('/io', async (req, res) => {
    await sleep(IO_WAIT_MS); // frees the event loop while waiting, as an async driver would
    res.type('text/plain').send('waited');
  });
  app.get('/cpu', (req, res) => {
    // Synchronous on purpose: this is the "blocking the event loop" case the page measures.
    const digest = crypto.pbkdf2Sync('benchmark', 'fixed-salt', CPU_ITERATIONS, 32, 'sha256');
    res.type('text/plain').send(digest.toString('hex'));
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

module.exports = createApp();
module.exports.createApp = createApp;

if (require.main === module) main();
