// Structured logs: one JSON object per line, every line of a request carrying its request id.
//
// The id comes from the caller's X-Request-Id header when it looks safe (a proxy or the calling
// service set it, so one id follows the request across services), otherwise a new UUID. It goes
// back in the response header and in error bodies, so a user can quote it and you can grep for it.
const { AsyncLocalStorage } = require('node:async_hooks');
const crypto = require('node:crypto');
const express = require('express');

// ASCII letters, digits, dot, underscore and hyphen only: the id is copied into logs and
// headers, so anything that could forge a log line or a header (newlines, quotes) is refused.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

// Holds the current request's id across callbacks and awaits, so any code can log with it
// without passing req around (what Flask's g and a logging.Filter do in the Flask version).
const requestContext = new AsyncLocalStorage();

const logger = {
  stream: process.stdout, // one JSON line per event; the platform collects stdout
  write(level, message, fields = {}) {
    const entry = { time: new Date().toISOString(), level, message, request_id: requestContext.getStore()?.requestId ?? null, ...fields };
    this.stream.write(`${JSON.stringify(entry)}\n`);
  },
  info(message, fields) { this.write('info', message, fields); },
  warning(message, fields) { this.write('warning', message, fields); },
  error(message, fields) { this.write('error', message, fields); },
};

const app = express();
app.disable('x-powered-by');

app.use((req, res, next) => {
  const incoming = req.get('X-Request-Id') ?? '';
  const requestId = SAFE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  const started = process.hrtime.bigint();
  res.set('X-Request-Id', requestId);
  res.locals.requestId = requestId;
  res.on('finish', () => {
    // 'finish' fires outside the request's async context, so the id is passed explicitly.
    // The path is logged without its query string, which may carry tokens or personal data.
    const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
    requestContext.run({ requestId }, () => {
      logger.info('request finished', { method: req.method, path: req.path, status: res.statusCode, duration_ms: durationMs });
    });
  });
  requestContext.run({ requestId }, next);
});

const ORDERS = new Map([[1, 'coffee beans'], [2, 'grinder'], [3, 'kettle']]);

app.get('/orders/:id', (req, res, next) => {
  if (!/^[0-9]{1,15}$/.test(req.params.id)) return next(); // not an id: the JSON 404 below
  const orderId = Number(req.params.id);
  if (!ORDERS.has(orderId)) {
    logger.warning('order not found', { order_id: orderId });
    return res.status(404).json({ error: 'order not found', request_id: res.locals.requestId });
  }
  logger.info('order looked up', { order_id: orderId });
  res.json({ id: orderId, item: ORDERS.get(orderId) });
});

app.get('/boom', () => {
  throw new Error('something broke'); // to show how an unexpected error is logged
});

// Anything no route matched: JSON, like every other answer.
app.use((req, res) => {
  res.status(404).json({ error: 'not found', request_id: res.locals.requestId });
});

// The final error handler. 4xx errors say what was wrong; anything else goes to the log with
// its stack and the request id, and the client gets only the id to quote.
app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  const status = err.status ?? err.statusCode;
  if (status >= 400 && status < 500) {
    return res.status(status).json({ error: err.expose ? err.message : 'bad request', request_id: res.locals.requestId });
  }
  logger.error('unhandled error', { error: err.stack });
  res.status(500).json({ error: 'internal server error', request_id: res.locals.requestId });
});

module.exports = app;
module.exports.logger = logger; // the tests read the log lines

if (require.main === module) {
  const port = Number(process.env.PORT) || 3000;
  const host = process.env.HOST || '127.0.0.1';
  app.listen(port, host, (error) => {
    // Express 5 hands listen errors (port in use, no permission) to this callback.
    if (error) {
      console.error(`cannot listen on ${host}:${port}: ${error.code || error.message}`);
      process.exit(1);
    }
    logger.info('listening', { url: `http://${host}:${port}` });
  });
}
