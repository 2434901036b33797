// A real SQLite database: create a table, insert, query with parameters, delete.
// sql.js is SQLite compiled to WebAssembly: no native build, but the database lives in memory
// and is written back to DATABASE_PATH (default notes.sqlite3) after every change. That suits
// one process and small data; for more, use better-sqlite3 (native) or node:sqlite (Node 22.13+ unflagged).
const fs = require('node:fs');
const http = require('node:http');
const express = require('express');
const initSqlJs = require('sql.js');

const DATABASE_PATH = process.env.DATABASE_PATH ?? 'notes.sqlite3';
const SCHEMA = `
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500)
)`;

function save(db) {
  // Write a temporary file and rename it, so a crash never leaves half a database behind.
  const temporary = `${DATABASE_PATH}.tmp`;
  fs.writeFileSync(temporary, db.export());
  fs.renameSync(temporary, DATABASE_PATH);
}

async function openDatabase() {
  const SQL = await initSqlJs(); // loads the WebAssembly build of SQLite
  const db = fs.existsSync(DATABASE_PATH) ? new SQL.Database(fs.readFileSync(DATABASE_PATH)) : new SQL.Database();
  db.run(SCHEMA);
  save(db);
  return db;
}

function query(db, sql, params = []) {
  // "?" placeholders: values are bound separately, so they can never change the SQL.
  const statement = db.prepare(sql);
  try {
    statement.bind(params);
    const rows = [];
    while (statement.step()) rows.push(statement.getAsObject());
    return rows;
  } finally {
    statement.free();
  }
}

const database = openDatabase();

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '16kb' }));
app.use(async (req, res, next) => {
  req.db = await database; // Express 5: a rejection here goes to the error handler
  next();
});

app.post('/notes', (req, res) => {
  const text = typeof req.body?.text === 'string' ? req.body.text.trim() : '';
  if (text.length < 1 || text.length > 500) {
    return res.status(400).json({ error: 'text must be 1 to 500 characters' });
  }
  req.db.run('INSERT INTO notes (text) VALUES (?)', [text]);
  const [{ id }] = query(req.db, 'SELECT last_insert_rowid() AS id');
  save(req.db);
  res.status(201).location(`/notes/${id}`).json({ id, text });
});

app.get('/notes', (req, res) => {
  const search = typeof req.query.q === 'string' ? req.query.q : '';
  res.json(query(req.db, 'SELECT id, text FROM notes WHERE instr(lower(text), lower(?)) > 0 ORDER BY id', [search]));
});

app.get('/notes/:id', (req, res, next) => {
  if (!/^\d+$/.test(req.params.id)) return next();
  const [note] = query(req.db, 'SELECT id, text FROM notes WHERE id = ?', [Number(req.params.id)]);
  if (!note) return res.status(404).json({ error: 'note not found' });
  res.json(note);
});

app.delete('/notes/:id', (req, res, next) => {
  if (!/^\d+$/.test(req.params.id)) return next();
  req.db.run('DELETE FROM notes WHERE id = ?', [Number(req.params.id)]);
  if (req.db.getRowsModified() === 0) return res.status(404).json({ error: 'note not found' });
  save(req.db);
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
    return res.status(status).json({ error: http.STATUS_CODES[status]?.toLowerCase() ?? 'bad request' });
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
