// Token authentication: log in with a username and password, then send the token as a Bearer header.
// Needs SECRET_KEY, API_USERNAME and API_PASSWORD in the environment. Tokens are HMAC-signed
// and expire after an hour; like the Flask version they cannot be revoked before that.
const crypto = require('node:crypto');
const http = require('node:http');
const express = require('express');

// One hour unless TOKEN_MAX_AGE_SECONDS says otherwise (the contract uses 2 to test expiry).
const maxAgeText = process.env.TOKEN_MAX_AGE_SECONDS ?? '3600';
if (!/^[0-9]{1,6}$/.test(maxAgeText) || Number(maxAgeText) < 1) {
  throw new Error(`TOKEN_MAX_AGE_SECONDS must be a whole number of seconds, got '${maxAgeText}'`);
}
const TOKEN_MAX_AGE_SECONDS = Number(maxAgeText);

function requireEnv(name, minLength = 1) {
  const value = process.env[name] ?? '';
  if (value.length < minLength) throw new Error(`set ${name} (at least ${minLength} characters)`);
  return value;
}

const SECRET_KEY = requireEnv('SECRET_KEY', 16);
const USERNAME = requireEnv('API_USERNAME');
const PASSWORD = requireEnv('API_PASSWORD', 8);

function hmac(text) {
  return crypto.createHmac('sha256', SECRET_KEY).update(text).digest();
}

function same(a, b) {
  // timingSafeEqual needs equal lengths, so compare fixed-length digests of the two strings.
  const digest = (text) => crypto.createHash('sha256').update(String(text)).digest();
  return crypto.timingSafeEqual(digest(a), digest(b));
}

function signToken(subject) {
  const exp = Math.floor(Date.now() / 1000) + TOKEN_MAX_AGE_SECONDS;
  const payload = Buffer.from(JSON.stringify({ sub: subject, exp })).toString('base64url');
  return `${payload}.${hmac(payload).toString('base64url')}`;
}

function verifyToken(token) {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const given = Buffer.from(signature, 'base64url');
  const expected = hmac(payload);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims.exp === 'number' && claims.exp > Date.now() / 1000 ? claims : null;
  } catch {
    return null;
  }
}

function unauthorized(res, message) {
  res.set('WWW-Authenticate', 'Bearer realm="cookbook"').status(401).json({ error: message });
}

function tokenRequired(req, res, next) {
  const [scheme, token] = (req.get('Authorization') ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) return unauthorized(res, 'missing bearer token');
  const claims = verifyToken(token);
  if (!claims) return unauthorized(res, 'invalid or expired token');
  req.user = claims.sub;
  next();
}

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '16kb', inflate: false })); // inflate: false: a compressed body is a 415, as in Flask

// express.json() skips other content types and leaves req.body undefined: refuse them with 415.
function requireJson(req, res, next) {
  if (!req.is('application/json')) return res.status(415).json({ error: 'send a JSON body (Content-Type: application/json)' });
  next();
}

app.post('/login', requireJson, (req, res) => {
  const body = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return res.status(400).json({ error: 'send a JSON object with username and password' });
  }
  const username = String(body.username ?? '');
  const password = String(body.password ?? '');
  // Check both fields every time, so a wrong username takes as long as a wrong password.
  if (!(same(username, USERNAME) & same(password, PASSWORD))) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  res.json({ token: signToken(username), expires_in: TOKEN_MAX_AGE_SECONDS });
});

app.get('/me', tokenRequired, (req, res) => {
  res.json({ user: req.user });
});

// No route matched: a JSON 404 instead of Express's HTML "Cannot GET" page.
app.use((req, res) => {
  res.status(404).json({ error: 'not found' });
});

// The final error handler (four arguments). Errors with a 4xx status (express.json() gives
// malformed JSON 400, an oversized body 413, an unknown charset 415) get that status and its
// short reason; anything else is a bug: log it, tell the client nothing. Express's default
// handler would send the stack trace unless NODE_ENV is "production", so never rely on it.
app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  const status = Number(err.status ?? err.statusCode);
  if (status >= 400 && status < 500) {
    const message = err.type === 'entity.parse.failed' ? 'malformed JSON' : http.STATUS_CODES[status]?.toLowerCase();
    return res.status(status).json({ error: message ?? 'bad request' });
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
