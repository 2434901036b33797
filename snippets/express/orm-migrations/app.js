// Authors and books through Kysely, with the schema managed by migrations.
//
// Migrate before starting (from the repository root):
//     node snippets/express/orm-migrations/migrate.js
// The app checks at start-up that every migration has been applied and stops otherwise;
// MIGRATE_ON_START=1 makes it apply them itself (handy for a demo or one process).
const express = require('express');
const { openDatabase, migratorFor, pendingMigrations } = require('./database');

const db = openDatabase();
const ISBN = /^[0-9]{13}$/;
const BODY_LIMIT = 16 * 1024;

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
    this.expose = true; // the message is written for clients
  }
}

const app = express();
app.disable('x-powered-by');

// Size, then type, then parse: each problem with the body gets its own status (413, 415, 400).
const jsonBody = [
  (req, res, next) => {
    if (Number(req.headers['content-length']) > BODY_LIMIT) return next(new HttpError(413, 'request entity too large'));
    if (!req.is('application/json')) return next(new HttpError(415, 'expected a JSON body (Content-Type: application/json)'));
    next();
  },
  express.json({ limit: BODY_LIMIT, inflate: false }),
  (req, res, next) => {
    const body = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return next(new HttpError(400, 'body must be a JSON object'));
    next();
  },
];

function idParam(req) {
  return /^[0-9]{1,15}$/.test(req.params.id) ? Number(req.params.id) : undefined;
}

async function findBook(id) {
  // A join written out: Kysely does not load relationships by itself.
  const row = await db
    .selectFrom('books')
    .innerJoin('authors', 'authors.id', 'books.author_id')
    .select(['books.id', 'books.title', 'books.isbn', 'authors.id as author_id', 'authors.name as author_name'])
    .where('books.id', '=', id)
    .executeTakeFirst();
  return row && { id: row.id, title: row.title, isbn: row.isbn, author: { id: row.author_id, name: row.author_name } };
}

app.post('/books', jsonBody, async (req, res) => {
  const { title, author, isbn } = req.body;
  if (typeof title !== 'string' || title.trim().length < 1 || title.trim().length > 200) throw new HttpError(400, 'title must be 1 to 200 characters');
  if (typeof author !== 'string' || author.trim().length < 1 || author.trim().length > 100) throw new HttpError(400, 'author must be 1 to 100 characters');
  if (isbn !== undefined && isbn !== null && !(typeof isbn === 'string' && ISBN.test(isbn))) throw new HttpError(400, 'isbn must be 13 digits');
  let bookId;
  try {
    // One transaction: the author and the book are written together or not at all.
    bookId = await db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('authors').select('id').where('name', '=', author.trim()).executeTakeFirst();
      const authorId = existing?.id ?? (await trx.insertInto('authors').values({ name: author.trim() }).returning('id').executeTakeFirstOrThrow()).id;
      const book = await trx.insertInto('books').values({ title: title.trim(), isbn: isbn ?? null, author_id: authorId }).returning('id').executeTakeFirstOrThrow();
      return book.id;
    });
  } catch (error) {
    // The unique index decides, even between two concurrent requests.
    if (error.errcode === 2067 /* SQLITE_CONSTRAINT_UNIQUE */) throw new HttpError(409, 'a book with this ISBN already exists');
    throw error;
  }
  res.status(201).location(`/books/${bookId}`).json(await findBook(bookId));
});

app.get('/books/:id', async (req, res, next) => {
  const id = idParam(req);
  if (id === undefined) return next(); // not an id: the JSON 404 below
  const book = await findBook(id);
  if (!book) throw new HttpError(404, 'book not found');
  res.json(book);
});

app.get('/authors/:id/books', async (req, res, next) => {
  const id = idParam(req);
  if (id === undefined) return next();
  const author = await db.selectFrom('authors').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  if (!author) throw new HttpError(404, 'author not found');
  const books = await db.selectFrom('books').select(['id', 'title', 'isbn']).where('author_id', '=', id).orderBy('id').execute();
  res.json({ author, books });
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

async function start() {
  if (process.env.MIGRATE_ON_START === '1') {
    const { error } = await migratorFor(db).migrateToLatest();
    if (error) throw error;
  }
  const pending = await pendingMigrations(db);
  if (pending.length > 0) {
    console.error(`the database lacks migrations ${pending.join(', ')}: run \`node snippets/express/orm-migrations/migrate.js\``);
    process.exit(1);
  }
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

module.exports = app;
module.exports.db = db;

if (require.main === module) {
  start().catch((error) => {
    console.error(`start-up failed: ${error.message}`);
    process.exit(1);
  });
}
