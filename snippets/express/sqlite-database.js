// A real SQLite database: create a table, insert, query with parameters, delete.
// node:sqlite is Node's built-in SQLite (22.5+, unflagged from 22.13; this project pins 26): an on-disk
// database at DATABASE_PATH (default notes.sqlite3), changed in place by each statement, like
// Python's sqlite3 in the Flask version. Its calls are synchronous, which suits SQLite: a query
// on a local file takes microseconds, and one connection per process is shared by all requests.
const http = require('node:http');
const { DatabaseSync } = require('node:sqlite');
const express = require('express');

const DATABASE_PATH = process.env.DATABASE_PATH ?? 'notes.sqlite3';

const db = new DatabaseSync(DATABASE_PATH);
db.exec(`
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500)
)`);

// Prepared once. "?" placeholders: values are bound separately, so they can never change the SQL.
const insertNote = db.prepare('INSERT INTO notes (text) VALUES (?)');
const searchNotes = db.prepare('SELECT id, text FROM notes WHERE instr(lower(text), lower(?)) > 0 ORDER BY id');
const getNote = db.prepare('SELECT id, text FROM notes WHERE id = ?');
const deleteNote = db.prepare('DELETE FROM notes WHERE id = ?');

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '16kb', inflate: false })); // inflate: false: a compressed body is a 415, as in Flask

// express.json() skips other content types and leaves req.body undefined: refuse them with 415.
function requireJson(req, res, next) {
  if (!req.is('application/json')) return res.status(415).json({ error: 'send a JSON body (Content-Type: application/json)' });
  next();
}

app.post('/notes', requireJson, (req, res) => {
  const text = typeof req.body?.text === 'string' ? req.body.text.trim() : '';
  if (text.length < 1 || text.length > 500) {
    return res.status(400).json({ error: 'text must be 1 to 500 characters' });
  }
  const id = Number(insertNote.run(text).lastInsertRowid);
  res.status(201).location(`/notes/${id}`).json({ id, text });
});

app.get('/notes', (req, res) => {
  const search = typeof req.query.q === 'string' ? req.query.q : '';
  res.json(searchNotes.all(search));
});

app.get('/notes/:id', (req, res, next) => {
  if (!/^\d+$/.test(req.params.id)) return next();
  const note = getNote.get(Number(req.params.id));
  if (!note) return res.status(404).json({ error: 'note not found' });
  res.json(note);
});

app.delete('/notes/:id', (req, res, next) => {
  if (!/^\d+$/.test(req.params.id)) return next();
  if (deleteNote.run(Number(req.params.id)).changes === 0) return res.status(404).json({ error: 'note not found' });
  res.status(204).end();
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
    const message = err.type === 'entity.parse.failed' ? 'malformed JSON' : http.STATUS_CODES[status]?.toLowerCase();
    return res.status(status).json({ error: message ?? 'bad request' });
  }
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
