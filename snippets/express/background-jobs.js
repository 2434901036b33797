// Background jobs in the web process: POST /jobs answers 202 at once, an in-process queue does
// the work two at a time, GET /jobs/:id reports the status and, with ?wait=N, waits up to N
// seconds for the result.
//
// Jobs live in this process's memory: each cluster worker has its own queue and its own jobs,
// and a restart loses whatever was queued. For jobs that must survive restarts or run elsewhere,
// use a queue with a broker (BullMQ with Redis, for example); the HTTP side stays the same.
const { setTimeout: sleep } = require('node:timers/promises');
const express = require('express');

const WORK_MS = 300; // stands for slow work: a report, an email, an image to resize
const CONCURRENCY = 2;
const MAX_PENDING = 100; // refuse new jobs beyond this many queued or running, rather than grow without limit
const MAX_WAIT_SECONDS = 5;
const BODY_LIMIT = 100 * 1024;

// Awaiting I/O leaves the event loop free for requests; CPU-heavy jobs would block it, so run
// those in worker_threads or a separate process instead.
async function countWords(text) {
  await sleep(WORK_MS);
  return { words: text.split(/\s+/).filter(Boolean).length, characters: [...text].length };
}

const jobs = new Map();
const queue = [];
let running = 0;

function publicView(job) {
  const { id, status, result, error } = job;
  return { id, status, ...(result && { result }), ...(error && { error }) };
}

function pump() {
  while (running < CONCURRENCY && queue.length > 0) {
    const job = queue.shift();
    running += 1;
    run(job).finally(() => {
      running -= 1;
      pump();
    });
  }
}

async function run(job) {
  job.status = 'running';
  try {
    job.result = await app.locals.work(job.text);
    job.status = 'done';
  } catch (error) {
    console.error(`job ${job.id} failed:`, error); // the details go to the log, not to clients
    job.status = 'failed';
    job.error = 'job failed';
  } finally {
    job.text = undefined;
    for (const wake of job.waiters.splice(0)) wake();
  }
}

function waitFor(job, seconds) {
  if (job.status === 'done' || job.status === 'failed' || seconds === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, seconds * 1000);
    job.waiters.push(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
    this.expose = true; // the message is written for clients
  }
}

// Refuse an oversized body first, whatever its type (as Flask's MAX_CONTENT_LENGTH does), then
// a body that is not JSON (express.json() alone would skip it silently), then parse.
function jsonBody(req, res, next) {
  if (Number(req.headers['content-length']) > BODY_LIMIT) return next(new HttpError(413, 'request entity too large'));
  if (!req.is('application/json')) return next(new HttpError(415, 'expected a JSON body (Content-Type: application/json)'));
  next();
}

const app = express();
app.disable('x-powered-by');
app.locals.maxPending = MAX_PENDING;
app.locals.work = countWords; // the job function (the tests swap in a failing one)

app.post('/jobs', jsonBody, express.json({ limit: BODY_LIMIT, inflate: false }), (req, res) => {
  const body = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'body must be a JSON object');
  const text = body.text;
  const length = typeof text === 'string' ? [...text].length : 0; // characters, as Python counts them
  if (length < 1 || length > 10_000) {
    throw new HttpError(400, 'text must be a string of 1 to 10000 characters');
  }
  if (running + queue.length >= app.locals.maxPending) {
    return res.status(503).set('Retry-After', '5').json({ error: 'too many jobs queued, try again later' });
  }
  const job = { id: jobs.size + 1, status: 'queued', text, waiters: [] };
  jobs.set(job.id, job);
  queue.push(job);
  const answer = publicView(job); // before pump(), which may start the job at once
  pump();
  res.status(202).location(`/jobs/${job.id}`).json(answer);
});

app.get('/jobs/:id', async (req, res, next) => {
  if (!/^[0-9]{1,15}$/.test(req.params.id)) return next(); // not an id: the JSON 404 below
  const wait = req.query.wait ?? '0';
  if (typeof wait !== 'string' || !/^[0-9]$/.test(wait) || Number(wait) > MAX_WAIT_SECONDS) {
    throw new HttpError(400, `wait must be a whole number from 0 to ${MAX_WAIT_SECONDS}`);
  }
  const job = jobs.get(Number(req.params.id));
  if (!job) throw new HttpError(404, 'job not found');
  // Long polling: hold the request until the job ends or the wait runs out. Node keeps many
  // such requests open in one process; each costs a connection, not a thread.
  await waitFor(job, Number(wait));
  res.json(publicView(job));
});

// Anything no route matched: JSON, like every other answer.
app.use((req, res) => {
  res.status(404).json({ error: 'not found' });
});

// The final error handler. body-parser marks its errors with a type; other 4xx errors carry
// a message written for clients; anything else is logged and answered without details.
const BODY_ERRORS = {
  'entity.parse.failed': [400, 'malformed JSON'],
  'entity.too.large': [413, 'request entity too large'],
  'charset.unsupported': [415, 'JSON must be UTF-8'],
  'encoding.unsupported': [415, 'unsupported content encoding'],
};
app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  const known = BODY_ERRORS[err.type];
  if (known) return res.status(known[0]).json({ error: known[1] });
  const status = err.status ?? err.statusCode;
  if (status >= 400 && status < 500) {
    return res.status(status).json({ error: err.expose ? err.message : 'bad request' });
  }
  console.error(err);
  res.status(500).json({ error: 'internal server error' });
});

module.exports = app;

if (require.main === module) {
  const port = Number(process.env.PORT) || 3000;
  const host = process.env.HOST || '127.0.0.1';
  app.listen(port, host, (error) => {
    // Express 5 hands listen errors (port in use, no permission) to this callback.
    if (error) {
      console.error(`cannot listen on ${host}:${port}: ${error.code || error.message}`);
      process.exit(1);
    }
    console.log(`Listening on http://${host}:${port}`);
  });
}
