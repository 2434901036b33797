// A small temperature API whose real subject is its test, test/testing-with-test-clients.test.js.
const http = require('node:http');
const express = require('express');

const app = express();
app.disable('x-powered-by');

function celsiusToFahrenheit(celsius) {
  return Math.round(((celsius * 9) / 5 + 32) * 100) / 100;
}

app.get('/convert', (req, res) => {
  const text = req.query.celsius;
  // A plain decimal only: Number() alone would also take '0x10', ' 1' and '1e3'. An array
  // (?celsius=1&celsius=2) is refused too.
  const celsius = typeof text === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(celsius)) {
    return res.status(400).json({ error: 'give celsius as a number, e.g. ?celsius=21.5' });
  }
  if (celsius < -273.15 || celsius > 1_000_000) {
    return res.status(400).json({ error: 'celsius is out of range' });
  }
  res.json({ celsius, fahrenheit: celsiusToFahrenheit(celsius) });
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
