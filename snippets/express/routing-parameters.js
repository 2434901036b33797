// Routing: path parameters, query strings, repeated keys and catch-all paths.
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

module.exports = app;

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  app.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));
}
