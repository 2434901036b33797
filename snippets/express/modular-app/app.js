// Modular app: mounts one express.Router per area of the API under its own prefix.
const http = require('node:http');
const express = require('express');
const books = require('./routes/books');
const authors = require('./routes/authors');

const app = express();
app.disable('x-powered-by');

// The prefix lives here, where the router is mounted (a Blueprint carries its own url_prefix).
app.use('/books', books.router);
app.use('/authors', authors.router);

app.get('/health', (req, res) => {
  res.json({ status: 'ok', modules: ['authors', 'books'] });
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
