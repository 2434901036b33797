// Rate limiting per client IP with express-rate-limit: 3 requests a minute on /api/quote, then 429.
//
// Counters live in this process's memory (the default MemoryStore): each cluster worker counts
// separately and a restart forgets them. With several processes or servers, give the limiter
// a shared store (for example rate-limit-redis) so every process sees the same counts.
const express = require('express');
const { rateLimit } = require('express-rate-limit');

const app = express();
app.disable('x-powered-by');
// Behind a reverse proxy every request comes from the proxy, so all clients would share one
// counter: set app.set('trust proxy', 1) there, so req.ip is the client's address.

const quoteLimiter = rateLimit({
  windowMs: 60 * 1000,
  limit: 3,
  standardHeaders: 'draft-8', // RateLimit-Policy and RateLimit, the IETF draft headers
  legacyHeaders: true, // X-RateLimit-Limit/-Remaining/-Reset, as Flask-Limiter sends (the default, kept explicit)
  handler: (req, res) => {
    // Retry-After is already set; answer the same JSON as the Flask version.
    res.status(429).json({ error: 'too many requests, try again later' });
  },
});

const QUOTES = ['Simple is better than complex.', 'Readability counts.', 'Errors should never pass silently.'];
let served = 0;

app.get('/api/quote', quoteLimiter, (req, res) => {
  served += 1;
  res.json({ quote: QUOTES[(served - 1) % QUOTES.length] });
});

app.get('/health', (req, res) => {
  res.json({ status: 'ok' }); // no limit: load balancers poll it often
});

// Anything no route matched: JSON, like every other answer.
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
module.exports.quoteLimiter = quoteLimiter; // the tests reset it between cases

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
