// Call another HTTP service with timeouts, and turn each way it can fail into a clear answer.
//
// GET /weather?city=Paris asks the upstream forecast service. A slow upstream answers 504, an
// unreachable or broken one 502, an unknown city 404 - never a hung request or a stack trace.
// For a self-contained demo the upstream is this same app (/upstream/forecast), reached over
// HTTP; set UPSTREAM_URL to call a real service.
const express = require('express');

// fetch has no default timeout: without one a silent upstream holds the request forever.
// AbortSignal.timeout() bounds the whole exchange, connecting and the body included.
const TIMEOUT_MS = 1000;
const CITY = /^[A-Za-z][A-Za-z -]{0,49}$/;

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
    this.expose = true; // the message is written for clients
  }
}

const app = express();
app.disable('x-powered-by');
// The address comes from configuration, never from the request (a Host header chosen by the
// client must not decide where the server sends requests).
app.locals.upstreamUrl = process.env.UPSTREAM_URL ?? `http://127.0.0.1:${Number(process.env.PORT) || 3000}/upstream`;

app.get('/weather', async (req, res) => {
  const city = req.query.city;
  if (typeof city !== 'string' || !CITY.test(city)) {
    throw new HttpError(400, 'city must be 1 to 50 letters, spaces or hyphens');
  }
  // searchParams encodes the value, so a city can never change the path or add parameters.
  const url = new URL(`${app.locals.upstreamUrl}/forecast`);
  url.searchParams.set('city', city);
  let upstream;
  let body;
  try {
    const signal = AbortSignal.timeout(TIMEOUT_MS);
    upstream = await fetch(url, { signal, headers: { Accept: 'application/json' } });
    body = await upstream.text(); // inside the try: the timeout also covers a slow body
  } catch (error) {
    if (error.name === 'TimeoutError') throw new HttpError(504, 'upstream timed out');
    console.error('upstream request failed:', error.cause ?? error); // connection refused, DNS, TLS...
    throw new HttpError(502, 'upstream unavailable');
  }
  if (upstream.status === 404) throw new HttpError(404, 'city not found');
  if (upstream.status !== 200) {
    console.error(`upstream answered ${upstream.status}`);
    throw new HttpError(502, 'upstream failed');
  }
  let temperature;
  try {
    temperature = JSON.parse(body).temperature_c;
  } catch {
    // fall through to the check below
  }
  if (typeof temperature !== 'number' || !Number.isFinite(temperature)) {
    throw new HttpError(502, 'upstream sent an unexpected answer'); // check what comes in, as for clients
  }
  res.json({ city, temperature_c: temperature });
});

// --- the demo upstream: a stand-in for a real forecast service ---------------------------

app.get('/upstream/forecast', async (req, res) => {
  const city = typeof req.query.city === 'string' ? req.query.city : '';
  if (city === 'Slowtown') await new Promise((resolve) => setTimeout(resolve, 2000)); // slower than TIMEOUT_MS
  if (city === 'Brokenville') return res.status(500).json({ error: 'upstream bug' });
  if (city === 'Nowhere') return res.status(404).json({ error: 'unknown city' });
  res.json({ temperature_c: city.length + 10 });
});

// Anything no route matched: JSON, like every other answer.
app.use((req, res) => {
  res.status(404).json({ error: 'not found' });
});

// The final error handler: 4xx and the 502/504 above say what was wrong; anything else is
// logged and answered without details, so no stack trace or file path reaches the client.
app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  const status = err.status ?? err.statusCode;
  if (err instanceof HttpError || (status >= 400 && status < 500)) {
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
