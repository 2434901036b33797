// HTML templates: render Nunjucks templates (Jinja-like, with inheritance) from views/.
const path = require('node:path');
const http = require('node:http');
const express = require('express');
const nunjucks = require('nunjucks');

const app = express();
app.disable('x-powered-by');

// autoescape: true is Nunjucks' default; spelled out because it is what stops XSS.
nunjucks.configure(path.join(__dirname, 'views'), { autoescape: true, express: app });
app.set('view engine', 'njk');

const FRAMEWORKS = ['Flask', 'Express'];

app.get('/', (req, res) => {
  res.render('index.njk', { frameworks: FRAMEWORKS });
});

app.get('/greet', (req, res) => {
  const name = (typeof req.query.name === 'string' ? req.query.name.trim() : '') || 'stranger';
  res.render('greet.njk', { name });
});

// No route matched: our own 404 page instead of Express's "Cannot GET" page.
app.use((req, res) => {
  res.status(404).render('error.njk', { status: 404, message: 'Not Found' });
});

// The final error handler (four arguments). Errors with a 4xx status (e.g. from a body parser)
// get that status and its standard short reason; anything else is a bug: log it for operators,
// tell the client nothing. Express's default handler would send the stack trace unless
// NODE_ENV is "production", so never rely on it.
app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  const status = Number(err.status ?? err.statusCode);
  if (status >= 400 && status < 500) {
    return res.status(status).render('error.njk', { status, message: http.STATUS_CODES[status] ?? 'Bad Request' });
  }
  console.error(err);
  res.status(500).render('error.njk', { status: 500, message: 'Internal Server Error' });
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
