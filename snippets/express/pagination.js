// Keyset (cursor) pagination over a SQLite table, with a `Link: <...>; rel="next"` header.
//
// `GET /articles?limit=10&after=20` returns the articles whose id is greater than 20, ten at most.
// Unlike `OFFSET`, the query stays fast on deep pages (the primary key index finds the start) and
// rows inserted meanwhile never shift a page, so a client never sees one twice or skips one.
const { DatabaseSync } = require('node:sqlite');
const express = require('express');

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;
const MAX_ID = 2n ** 63n - 1n; // SQLite's largest integer: bigger cursors cannot exist

// A demo table of 50 articles in an in-memory database, filled at start-up. node:sqlite is
// synchronous and Node runs one request at a time, so one connection needs no lock.
const db = new DatabaseSync(':memory:');
db.exec('CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO articles (id, title) VALUES (?, ?)');
for (let i = 1; i <= 50; i++) insert.run(i, `Article ${i}`);
const pageQuery = db.prepare('SELECT id, title FROM articles WHERE id > ? ORDER BY id LIMIT ?');

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
    this.expose = true; // the message is written for clients
  }
}

// A query parameter that must be a whole number in [low, high]; 400 otherwise. A repeated
// key arrives as an array, which fails the string check like any other malformed value.
// BigInt keeps 19-digit cursors exact (a Number loses precision above 2^53).
function wholeNumberParam(req, name, fallback, low, high) {
  const value = req.query[name];
  if (value === undefined) return fallback;
  if (typeof value === 'string' && /^[0-9]{1,19}$/.test(value)) {
    const number = BigInt(value);
    if (number >= BigInt(low) && number <= BigInt(high)) return number;
  }
  throw new HttpError(400, `${name} must be a whole number from ${low} to ${high}`);
}

const app = express();
app.disable('x-powered-by');

app.get('/articles', (req, res) => {
  const limit = Number(wholeNumberParam(req, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT));
  const after = wholeNumberParam(req, 'after', 0, 0, MAX_ID);
  // Fetch one row more than asked: if it exists there is a next page.
  const rows = pageQuery.all(after, limit + 1);
  const items = rows.slice(0, limit).map((row) => ({ id: row.id, title: row.title }));
  const next = rows.length > limit ? `/articles?after=${items.at(-1).id}&limit=${limit}` : null;
  if (next) res.set('Link', `<${next}>; rel="next"`);
  res.json({ items, next });
});

// Anything no route matched: JSON, like every other answer.
app.use((req, res) => {
  res.status(404).json({ error: 'not found' });
});

// The final error handler. Client errors (status 4xx, from HttpError or from body parsers)
// say what was wrong; anything else is logged here and answered without details, so no stack
// trace or file path reaches the client whatever NODE_ENV is.
app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
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
    // Express 5 hands listen errors (port in use, no permission) to this callback: without
    // this check the process would print "Listening" and then exit 0 having served nothing.
    if (error) {
      console.error(`cannot listen on ${host}:${port}: ${error.code || error.message}`);
      process.exit(1);
    }
    console.log(`Listening on http://${host}:${port}`);
  });
}
