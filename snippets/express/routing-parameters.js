// Routing: path parameters, query strings, repeated keys and catch-all paths.
const http = require('node:http');
const express = require('express');

const app = express();
app.disable('x-powered-by');

app.get('/users/:userId', (req, res, next) => {
  // Express 5 routes have no inline regular expressions, so check the format here;
  // next() with no argument falls through to the 404 handler, like Flask's int converter.
  if (!/^\d+$/.test(req.params.userId)) return next();
  res.json({ user_id: Number(req.params.userId) });
});

app.get('/search', (req, res) => {
  // A repeated key (?q=a&q=b) arrives as an array, so check the type before using it.
  const q = typeof req.query.q === 'string' ? req.query.q : '';
  const pageText = req.query.page ?? '1';
  if (typeof pageText !== 'string' || !/^\d+$/.test(pageText) || Number(pageText) < 1) {
    return res.status(400).json({ error: 'page must be a positive integer' });
  }
  res.json({ q, page: Number(pageText) });
});

app.get('/tags', (req, res) => {
  // ?tag=a gives a string, ?tag=a&tag=b an array, no tag undefined: normalise to an array.
  const tags = [req.query.tag ?? []].flat();
  res.json({ tags });
});

app.get('/files/*subpath', (req, res) => {
  // Express 5 wildcards must be named; the value is an array of path segments.
  res.json({ path: req.params.subpath.join('/') });
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
