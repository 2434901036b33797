// Static files: express.static serves public/ (next to this file) at /static/.
const path = require('node:path');
const express = require('express');

const app = express();
app.disable('x-powered-by');

// index: false so /static/ never serves a directory's index.html by surprise.
app.use('/static', express.static(path.join(__dirname, 'public'), { index: false }));

app.get('/', (req, res) => {
  res.send('<!doctype html><title>Static files</title><link rel="stylesheet" href="/static/style.css"><p>Hi</p>');
});

module.exports = app;

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  app.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));
}
