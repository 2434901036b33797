// A JSON CRUD API over an in-memory store (one Map per process).
const express = require('express');

const app = express();
app.disable('x-powered-by');
// Refuse JSON bodies over 100 KiB with 413; inflate: false makes a compressed body a 415, as in Flask
// (Werkzeug does not decode Content-Encoding), instead of a zlib error.
app.use(express.json({ limit: '100kb', inflate: false }));

// The store lives in this process only: every cluster worker has its own copy, and
// everything is lost on restart. Use a database (see sqlite-database.js) for real data.
const items = new Map();
let nextId = 1;

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// express.json() skips other content types and leaves req.body undefined: refuse them with 415.
function requireJson(req, res, next) {
  if (!req.is('application/json')) return res.status(415).json({ error: 'send a JSON body (Content-Type: application/json)' });
  next();
}

function findItem(req, res, next) {
  const id = /^\d+$/.test(req.params.id) ? Number(req.params.id) : NaN;
  if (Number.isNaN(id)) return next('route'); // not a number: skip to the 404 handler
  req.item = items.get(id);
  if (!req.item) return res.status(404).json({ error: 'item not found' });
  next();
}

app.get('/items', (req, res) => {
  res.json([...items.values()]);
});

app.post('/items', requireJson, (req, res) => {
  const name = isObject(req.body) ? req.body.name : undefined;
  if (typeof name !== 'string' || !name.trim()) {
    return res.status(400).json({ error: 'name is required and must be a non-empty string' });
  }
  const item = { id: nextId++, name: name.trim(), done: false };
  items.set(item.id, item);
  res.status(201).location(`/items/${item.id}`).json(item);
});

app.get('/items/:id', findItem, (req, res) => {
  res.json(req.item);
});

app.patch('/items/:id', requireJson, findItem, (req, res) => {
  const body = req.body;
  if (!isObject(body)) return res.status(400).json({ error: 'body must be a JSON object' });
  if ('name' in body && (typeof body.name !== 'string' || !body.name.trim())) {
    return res.status(400).json({ error: 'name must be a non-empty string' });
  }
  if ('done' in body && typeof body.done !== 'boolean') {
    return res.status(400).json({ error: 'done must be true or false' });
  }
  if ('name' in body) req.item.name = body.name.trim();
  if ('done' in body) req.item.done = body.done;
  res.json(req.item);
});

app.delete('/items/:id', findItem, (req, res) => {
  items.delete(req.item.id);
  res.status(204).end();
});

// No route matched: a JSON 404 instead of Express's HTML "Cannot GET" page.
app.use((req, res) => {
  res.status(404).json({ error: 'not found' });
});

// The final error handler. express.json() reports malformed JSON (400), a body over the limit
// (413) and a charset it cannot decode (415) as errors with a `type`. Anything else is a bug:
// log it, tell the client nothing (Express's default handler would send the stack trace unless
// NODE_ENV is "production", so never rely on it).
const BODY_ERRORS = {
  'entity.parse.failed': [400, 'malformed JSON'],
  'entity.too.large': [413, 'request body too large'],
  'charset.unsupported': [415, 'send the JSON body in UTF-8'],
  'encoding.unsupported': [415, 'unsupported Content-Encoding'],
};
app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  const known = BODY_ERRORS[err.type];
  if (known) return res.status(known[0]).json({ error: known[1] });
  console.error(err);
  res.status(500).json({ error: 'internal server error' });
});

module.exports = app;

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  app.listen(port, host, (error) => {
    // Express 5 hands listen errors (port in use, no permission) to this callback.
    if (error) {
      console.error(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`);
      process.exit(1);
    }
    console.log(`Listening on http://${host}:${port}`);
  });
}
