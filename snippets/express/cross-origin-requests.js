// CORS: let pages from chosen origins call /api/ from the browser, using the cors middleware.
// Allowed origins come from CORS_ORIGINS (comma-separated); none are allowed by default.
const http = require('node:http');
const express = require('express');
const cors = require('cors');

const app = express();
app.disable('x-powered-by');

const origins = (process.env.CORS_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean);

app.use(
  '/api', // only the API, never the whole site
  cors({
    origin: origins,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization'],
    maxAge: 600, // browsers may cache the preflight answer for 10 minutes
    optionsSuccessStatus: 200, // preflight status; the default 204 is fine too, 200 matches Flask-CORS
  }),
);

app.get('/health', (req, res) => {
  // Outside /api: never gets CORS headers, whatever the Origin.
  res.json({ status: 'ok' });
});

app.get('/api/data', (req, res) => {
  res.json({ data: [1, 2, 3] });
});

app.put('/api/data', (req, res) => {
  res.json({ replaced: true });
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
