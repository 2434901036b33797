// Cookies and signed sessions: a visit counter in a signed cookie-session and a plain preference cookie.
// Needs SECRET_KEY in the environment. The session cookie is signed, not encrypted: the browser
// can read it, so never store secrets in it.
const http = require('node:http');
const express = require('express');
const cookieParser = require('cookie-parser');
const cookieSession = require('cookie-session');

const secretKey = process.env.SECRET_KEY ?? '';
if (secretKey.length < 16) {
  // Refuse to start rather than sign sessions with a guessable or missing key.
  throw new Error('set SECRET_KEY to a random string of at least 16 characters');
}
// Secure cookies travel over HTTPS only; set COOKIE_SECURE=0 to try it over plain http.
// (Behind a TLS-terminating proxy also set app.set('trust proxy', 1), or Express sees http.)
const secure = process.env.COOKIE_SECURE !== '0';

const app = express();
app.disable('x-powered-by');
if (process.env.BEHIND_PROXY === '1') {
  // Behind a TLS-terminating proxy Express sees plain http, and cookie-session refuses to send a
  // Secure cookie over it; trusting the proxy's X-Forwarded-Proto fixes that. Only set it when a
  // proxy really sits in front: otherwise any client could claim https.
  app.set('trust proxy', 1);
}
app.use(express.json({ limit: '1kb', inflate: false })); // inflate: false: a compressed body is a 415, as in Flask
app.use(cookieParser()); // fills req.cookies from the Cookie header
app.use(cookieSession({ name: 'session', keys: [secretKey], httpOnly: true, sameSite: 'lax', secure }));

const THEMES = new Set(['light', 'dark']);

app.get('/visits', (req, res) => {
  req.session.visits = (req.session.visits ?? 0) + 1;
  res.json({ visits: req.session.visits });
});

app.post('/logout', (req, res) => {
  req.session = null; // cookie-session then tells the browser to delete the cookie
  res.json({ logged_out: true });
});

app.get('/theme', (req, res) => {
  const theme = req.cookies.theme;
  res.json({ theme: THEMES.has(theme) ? theme : 'light' });
});

// express.json() skips other content types and leaves req.body undefined: refuse them with 415.
function requireJson(req, res, next) {
  if (!req.is('application/json')) return res.status(415).json({ error: 'send a JSON body (Content-Type: application/json)' });
  next();
}

app.post('/theme', requireJson, (req, res) => {
  const theme = req.body?.theme;
  if (!THEMES.has(theme)) return res.status(400).json({ error: "theme must be 'light' or 'dark'" });
  res.cookie('theme', theme, { maxAge: 365 * 24 * 60 * 60 * 1000, httpOnly: true, sameSite: 'lax', secure });
  res.json({ theme });
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
