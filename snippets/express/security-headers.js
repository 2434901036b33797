// Security headers on every response with helmet: a strict Content-Security-Policy with a
// per-request nonce, HSTS, no framing, no MIME sniffing, no referrer.
const crypto = require('node:crypto');
const express = require('express');
const helmet = require('helmet');

const app = express();
app.disable('x-powered-by'); // helmet removes it too; this keeps it off if helmet is removed

// A fresh unguessable value per response: an injected <script> cannot know it.
app.use((req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString('hex');
  next();
});

// helmet's defaults, with the policy written out (useDefaults: false) so every directive is
// visible here, and framing refused outright because this app is never meant to be framed.
app.use(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // Only scripts from this origin, plus inline scripts carrying this response's nonce.
        scriptSrc: ["'self'", (req, res) => `'nonce-${res.locals.cspNonce}'`],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Browsers ignore HSTS received over plain http, so sending it always is harmless; behind
    // HTTPS it makes them refuse http:// to this host for a year.
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
  }),
);

app.get('/', (req, res) => {
  // The nonce is hex, so it needs no escaping inside the attribute.
  res.type('html').send(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Security headers</title></head>
<body>
<h1>Security headers</h1>
<p id="status">Inline script without the nonce is blocked.</p>
<script nonce="${res.locals.cspNonce}">document.getElementById("status").textContent = "The script with the nonce ran.";</script>
</body>
</html>
`);
});

app.get('/api/status', (req, res) => {
  res.json({ status: 'ok' });
});

// Anything no route matched: JSON. helmet ran first, so errors carry the same headers.
app.use((req, res) => {
  res.status(404).json({ error: 'not found' });
});

// The final error handler: 4xx errors say what was wrong; anything else is logged and
// answered without details, so no stack trace or file path reaches the client.
app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
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
