// Error handling: JSON 404/405/500 responses, async errors caught by Express 5, no stack traces leaked.
const express = require('express');

const app = express();
app.disable('x-powered-by');

const items = new Map([[1, { id: 1, name: 'First item' }]]);

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
    this.expose = true; // safe to show this message to the client
  }
}

app
  .route('/items/:id')
  .get((req, res, next) => {
    if (!/^\d+$/.test(req.params.id)) return next('route'); // not a number: unknown URL
    const id = Number(req.params.id);
    if (!items.has(id)) throw new HttpError(404, `item ${id} not found`); // sync throw: caught
    res.json(items.get(id));
  })
  .all((req, res) => {
    // Express answers an unrouted method with 404; say 405 and list what is allowed.
    res.set('Allow', 'GET, HEAD');
    throw new HttpError(405, 'method not allowed');
  });

app.get('/boom', (req, res) => {
  const missing = undefined;
  res.json({ result: missing.value }); // a bug: throws TypeError
});

app.get('/async-boom', async (req, res) => {
  // Express 5 passes a rejected promise to the error handler; Express 4 needed a wrapper.
  await Promise.resolve();
  throw new Error('the database went away');
});

// No route matched: answer JSON instead of Express's HTML "Cannot GET".
app.use((req, res) => {
  res.status(404).json({ error: 'not found' });
});

// Four arguments mark an error handler. Without it, Express's default handler sends
// the stack trace to the client unless NODE_ENV is "production".
app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  const status = err.status ?? err.statusCode ?? 500;
  if (status < 500 && err.expose) return res.status(status).json({ error: err.message });
  console.error(err); // details for operators, nothing for the client
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
