// Middleware: a request id on every request and a Server-Timing header on every response.
const { randomUUID } = require('node:crypto');
const http = require('node:http');
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
