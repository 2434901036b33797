// CORS: let pages from chosen origins call /api/ from the browser, using the cors middleware.
// Allowed origins come from CORS_ORIGINS (comma-separated); none are allowed by default.
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

app.get('/api/data', (req, res) => {
  res.json({ data: [1, 2, 3] });
});

app.put('/api/data', (req, res) => {
  res.json({ replaced: true });
});

module.exports = app;

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  app.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));
}
