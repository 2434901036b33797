// Streaming: server-sent events written to the response as they are produced.
const http = require('node:http');
const express = require('express');

const app = express();
app.disable('x-powered-by');

app.get('/events', (req, res) => {
  const countText = req.query.count ?? '3';
  const count = Number(countText);
  if (typeof countText !== 'string' || !/^\d+$/.test(countText) || count < 1 || count > 10) {
    return res.status(400).json({ error: 'count must be a whole number from 1 to 10' });
  }
  res.set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no', // ask nginx-style proxies not to buffer the stream
  });
  res.flushHeaders(); // send the headers now; the body follows event by event

  let tick = 0;
  const send = () => {
    tick += 1;
    res.write(`id: ${tick}\nevent: tick\ndata: ${JSON.stringify({ tick })}\n\n`);
    if (tick === count) {
      clearInterval(timer);
      res.end('event: done\ndata: {}\n\n');
    }
  };
  const timer = setInterval(send, 50);
  send();
  // Stop the timer if the client goes away before the stream ends.
  res.on('close', () => clearInterval(timer));
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
