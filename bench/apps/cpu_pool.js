// A fixed pool of worker threads for the /cpu route when BENCH_CPU_MODE=worker-threads: the
// event loop hands the loop to a worker and stays free to answer other requests meanwhile.
// (On a server pinned to one CPU the worker still shares that CPU with the event loop; the OS
// time-slices them, so other requests wait for a time slice rather than for the whole job.)
'use strict';

const { Worker, isMainThread, parentPort } = require('node:worker_threads');
const { spin } = require('./spin');

if (!isMainThread) {
  parentPort.on('message', ({ id, iterations }) => parentPort.postMessage({ id, value: spin(iterations) }));
}

function createPool(size) {
  const workers = Array.from({ length: size }, () => new Worker(__filename));
  const idle = [...workers];
  const queue = [];
  const pending = new Map();
  let nextId = 0;
  const pump = () => {
    while (idle.length && queue.length) {
      const worker = idle.pop();
      const job = queue.shift();
      pending.set(job.id, { ...job, worker });
      worker.postMessage({ id: job.id, iterations: job.iterations });
    }
  };
  for (const worker of workers) {
    worker.unref();
    worker.on('message', ({ id, value }) => {
      const job = pending.get(id);
      pending.delete(id);
      idle.push(job.worker);
      job.resolve(value);
      pump();
    });
  }
  return {
    size,
    run(iterations) {
      return new Promise((resolve) => {
        queue.push({ id: nextId += 1, iterations, resolve });
        pump();
      });
    },
  };
}

module.exports = { createPool };
