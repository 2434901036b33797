// Modular app: mounts one express.Router per area of the API under its own prefix.
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

module.exports = app;

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  app.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));
}
