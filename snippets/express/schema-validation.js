// Validate JSON bodies against a zod schema and publish the same schema as an OpenAPI document.
//
// One schema declares the shape once; it validates requests (422 with every problem listed) and
// z.toJSONSchema() turns it into components.schemas in /openapi.json, so the docs cannot drift.
const express = require('express');
const z = require('zod');

const text = (maxLength) => z.string().trim().min(1).max(maxLength);

// strictObject: unknown keys are errors rather than silently dropped, so a misspelt field is
// reported. zod never converts types unless asked (z.coerce), so "1999" or true are not years.
const BookIn = z.strictObject({
  title: text(200),
  author: text(100),
  year: z.int().min(1450).max(2100),
  tags: z.array(text(30)).max(5).default([]),
});
const Book = BookIn.extend({ id: z.int() });

const books = new Map(); // in this process only; see the sqlite-database task for storage

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
    this.expose = true; // the message is written for clients
  }
}

const app = express();
app.disable('x-powered-by');
const BODY_LIMIT = 100 * 1024;

// Refuse an oversized body first, whatever its type, as Flask's MAX_CONTENT_LENGTH does.
function limitBodySize(req, res, next) {
  if (Number(req.headers['content-length']) > BODY_LIMIT) return next(new HttpError(413, 'request entity too large'));
  next();
}

// Check the content type before parsing: express.json() alone skips other types silently,
// leaving req.body undefined, and the client would get a confusing validation error.
function requireJson(req, res, next) {
  if (!req.is('application/json')) {
    return next(new HttpError(415, 'expected a JSON body (Content-Type: application/json)'));
  }
  next();
}
const parseJson = express.json({ limit: BODY_LIMIT, inflate: false }); // also limits bodies sent without a length

app.post('/books', limitBodySize, requireJson, parseJson, (req, res) => {
  const result = BookIn.safeParse(req.body);
  if (!result.success) {
    // Each problem with its dotted path; the input is left out so a huge or secret value sent
    // by the client is never echoed back. An unknown key is reported under its own name.
    const details = result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: [...issue.path, key].join('.'), message: issue.message }))
        : [{ path: issue.path.join('.'), message: issue.message }],
    );
    return res.status(422).json({ error: 'validation failed', details });
  }
  const book = { id: books.size + 1, ...result.data };
  books.set(book.id, book);
  res.status(201).location(`/books/${book.id}`).json(book);
});

app.get('/books/:id', (req, res, next) => {
  if (!/^[0-9]{1,15}$/.test(req.params.id)) return next(); // not an id: the JSON 404 below
  const book = books.get(Number(req.params.id));
  if (!book) throw new HttpError(404, 'book not found');
  res.json(book);
});

// OpenAPI 3.1 schemas are JSON Schema 2020-12, which is what z.toJSONSchema() emits; "$schema"
// is dropped because inside an OpenAPI document the dialect is already known. io: 'input'
// describes what clients send (tags optional, with its default).
function componentSchema(schema) {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io: 'input' });
  return rest;
}

app.get('/openapi.json', (req, res) => {
  const ref = (model) => ({ $ref: `#/components/schemas/${model}` });
  res.json({
    openapi: '3.1.0',
    info: { title: 'Books API', version: '1.0.0' },
    paths: {
      '/books': {
        post: {
          requestBody: { required: true, content: { 'application/json': { schema: ref('BookIn') } } },
          responses: {
            201: { description: 'Created', content: { 'application/json': { schema: ref('Book') } } },
            422: { description: 'Validation failed', content: { 'application/json': {} } },
          },
        },
      },
      '/books/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 0 } }],
          responses: {
            200: { description: 'The book', content: { 'application/json': { schema: ref('Book') } } },
            404: { description: 'No such book' },
          },
        },
      },
    },
    components: { schemas: { BookIn: componentSchema(BookIn), Book: componentSchema(Book) } },
  });
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
