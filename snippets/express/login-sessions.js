// Log in with a password hashed by scrypt, keep the login in a server-side session, and
// protect every state-changing request with a CSRF token.
//
// The browser holds only a random session id (cookie "sid"); the data lives on the server, so a
// logout or a password change can end a session at once. express-session stores it (here in
// this process's memory); the CSRF tokens are the synchronizer-token pattern, written out below.
const crypto = require('node:crypto');
const { promisify } = require('node:util');
const express = require('express');
const session = require('express-session');

function requireEnv(name, minLength = 1) {
  const value = process.env[name] ?? '';
  if (value.length < minLength) {
    console.error(`${name} must be set (at least ${minLength} characters)`); // fail at start-up, not at login
    process.exit(1);
  }
  return value;
}

const scrypt = promisify(crypto.scrypt);
// The cost werkzeug's generate_password_hash uses by default (scrypt:32768:8:1).
const SCRYPT_OPTIONS = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

async function hashPassword(password) {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, 64, SCRYPT_OPTIONS); // off the event loop, in libuv's pool
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

async function verifyPassword(password, stored) {
  const [, salt, expected] = stored.split('$');
  const hash = await scrypt(password, Buffer.from(salt, 'base64'), 64, SCRYPT_OPTIONS);
  return crypto.timingSafeEqual(hash, Buffer.from(expected, 'base64')); // constant-time comparison
}

const SECRET_KEY = requireEnv('SECRET_KEY', 16); // signs the session cookie
const USERNAME = requireEnv('APP_USERNAME');
const PASSWORD = requireEnv('APP_PASSWORD', 12);
// One demo user from the environment; only the hash is kept. The dummy hash is checked when the
// username is unknown, so that answer takes as long as a wrong password.
const users = new Map();
const ready = Promise.all([hashPassword(PASSWORD), hashPassword('no user has this password')]).then(([hash, dummy]) => {
  users.set(USERNAME, hash);
  return dummy;
});

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
    this.expose = true; // the message is written for clients
  }
}

const app = express();
app.disable('x-powered-by');
// Behind a TLS-terminating proxy, add app.set('trust proxy', 1): express-session only sends a
// Secure cookie on requests it believes are HTTPS.
app.use(
  session({
    name: 'sid',
    secret: SECRET_KEY,
    // The default MemoryStore is this process's memory: each cluster worker has its own sessions,
    // a restart logs everyone out, and expired sessions are only dropped when read. Use a store
    // such as connect-redis in production.
    resave: false,
    saveUninitialized: false, // no session (and no cookie) until something is stored
    cookie: {
      httpOnly: true, // page scripts cannot read the session id
      sameSite: 'lax', // not sent on cross-site POSTs: a first line of CSRF defence
      secure: process.env.COOKIE_SECURE !== '0', // HTTPS only, unless trying it over http
      maxAge: 8 * 3600 * 1000,
    },
  }),
);

const BODY_LIMIT = 16 * 1024;
// Size, then type, then parse: each problem with the body gets its own status (413, 415, 400).
const jsonBody = [
  (req, res, next) => {
    if (Number(req.headers['content-length']) > BODY_LIMIT) return next(new HttpError(413, 'request entity too large'));
    if (!req.is('application/json')) return next(new HttpError(415, 'expected a JSON body (Content-Type: application/json)'));
    next();
  },
  express.json({ limit: BODY_LIMIT, inflate: false }),
  (req, res, next) => {
    const body = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return next(new HttpError(400, 'body must be a JSON object'));
    next();
  },
];

function issueCsrfToken(req) {
  req.session.csrfToken = crypto.randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

// The token must come back in X-CSRF-Token and equal the one in the session. Another site's page
// can make the browser send the cookie, but it cannot read the token to send it along.
function requireCsrfToken(req, res, next) {
  const sent = Buffer.from(req.get('X-CSRF-Token') ?? '');
  const expected = Buffer.from(req.session.csrfToken ?? '');
  if (expected.length === 0 || sent.length !== expected.length || !crypto.timingSafeEqual(sent, expected)) {
    return next(new HttpError(403, 'CSRF token missing or invalid'));
  }
  next();
}

app.get('/csrf-token', (req, res) => {
  res.json({ csrf_token: req.session.csrfToken ?? issueCsrfToken(req) });
});

app.post('/login', jsonBody, requireCsrfToken, async (req, res, next) => {
  const { username, password } = req.body;
  if (typeof username !== 'string' || typeof password !== 'string') throw new HttpError(400, 'username and password are required');
  const dummyHash = await ready;
  const stored = users.get(username);
  const matches = await verifyPassword(password, stored ?? dummyHash);
  if (!matches || stored === undefined) return res.status(401).json({ error: 'wrong username or password' }); // never say which
  // A new session id at login, so an id planted before login (session fixation) is useless.
  // regenerate() starts an empty session, so a new CSRF token is issued too.
  req.session.regenerate((error) => {
    if (error) return next(error);
    req.session.user = username;
    res.json({ user: username, csrf_token: issueCsrfToken(req) });
  });
});

app.get('/me', (req, res) => {
  if (!req.session.user) return res.status(401).json({ error: 'not logged in' });
  res.json({ user: req.session.user });
});

app.post('/logout', requireCsrfToken, (req, res, next) => {
  req.session.destroy((error) => {
    if (error) return next(error);
    res.clearCookie('sid', { httpOnly: true, sameSite: 'lax', secure: process.env.COOKIE_SECURE !== '0' });
    res.json({ logged_out: true });
  });
});

// Anything no route matched: JSON, like every other answer.
app.use((req, res) => {
  res.status(404).json({ error: 'not found' });
});

// The final error handler. body-parser marks its errors with a type; other 4xx errors carry
// a message written for clients; anything else is logged and answered without details.
const BODY_ERRORS = {
  'entity.parse.failed': [400, 'malformed JSON'],
  'entity.too.large': [413, 'request entity too large'],
  'charset.unsupported': [415, 'JSON must be UTF-8'],
  'encoding.unsupported': [415, 'unsupported content encoding'],
};
app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  const known = BODY_ERRORS[err.type];
  if (known) return res.status(known[0]).json({ error: known[1] });
  const status = err.status ?? err.statusCode;
  if (status >= 400 && status < 500) {
    return res.status(status).json({ error: err.expose ? err.message : 'bad request' });
  }
  console.error(err);
  res.status(500).json({ error: 'internal server error' });
});

module.exports = app;

if (require.main === module) {
  const port = Number(process.env.PORT) || 3000;
  const host = process.env.HOST || '127.0.0.1';
  app.listen(port, host, (error) => {
    // Express 5 hands listen errors (port in use, no permission) to this callback.
    if (error) {
      console.error(`cannot listen on ${host}:${port}: ${error.code || error.message}`);
      process.exit(1);
    }
    console.log(`Listening on http://${host}:${port}`);
  });
}
