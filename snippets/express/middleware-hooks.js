// Middleware: a request id on every request and a Server-Timing header on every response.
const { randomUUID } = require('node:crypto');
const express = require('express');
const responseTime = require('response-time');

const app = express();
app.disable('x-powered-by');

// Accept a caller's id only if it is short and harmless; it ends up in logs and headers.
const SAFE_REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;

app.use((req, res, next) => {
  const incoming = req.get('X-Request-Id') ?? '';
  req.id = SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.set('X-Request-Id', req.id);
  next();
});

// response-time calls us just before the headers go out, the last moment a header can be set.
app.use(
  responseTime((req, res, milliseconds) => {
    res.setHeader('Server-Timing', `app;dur=${milliseconds.toFixed(2)}`);
  }),
);

app.get('/hello', (req, res) => {
  res.json({ message: 'hello', request_id: req.id });
});

module.exports = app;

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  app.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));
}
