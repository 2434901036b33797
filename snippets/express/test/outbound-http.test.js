const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const request = require('supertest');
const app = require('../outbound-http');

// The demo upstream served for real on a free port: the app's outbound calls go over HTTP.
let upstream;
before(async () => {
  upstream = await new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
  app.locals.upstreamUrl = `http://127.0.0.1:${upstream.address().port}/upstream`;
});
after(() => {
  upstream.closeAllConnections(); // the Slowtown response is still pending
  upstream.close();
});

test('a forecast passes through', async () => {
  const response = await request(app).get('/weather?city=Paris').expect(200);
  assert.deepEqual(response.body, { city: 'Paris', temperature_c: 15 });
});

test('a slow upstream is cut off at the timeout', async () => {
  const started = performance.now();
  const response = await request(app).get('/weather?city=Slowtown').expect(504);
  const elapsed = performance.now() - started;
  assert.deepEqual(response.body, { error: 'upstream timed out' });
  assert.ok(elapsed > 900 && elapsed < 1900, `took ${elapsed} ms`); // the 1 s timeout, not the upstream's 2 s
});

const FAILURES = [
  ['Brokenville', 502, 'upstream failed'],
  ['Nowhere', 404, 'city not found'],
  ['<script>', 400, 'city must be 1 to 50 letters, spaces or hyphens'],
  ['Paris&admin=1', 400, 'city must be 1 to 50 letters, spaces or hyphens'],
];
for (const [city, status, error] of FAILURES) {
  test(`failure for ${city} is mapped`, async (t) => {
    t.mock.method(console, 'error', () => {});
    const response = await request(app).get('/weather').query({ city }).expect(status);
    assert.deepEqual(response.body, { error });
  });
}

test('an unreachable upstream is 502', async (t) => {
  t.mock.method(console, 'error', () => {});
  const saved = app.locals.upstreamUrl;
  app.locals.upstreamUrl = 'http://127.0.0.1:1'; // nothing listens on port 1
  t.after(() => { app.locals.upstreamUrl = saved; });
  const response = await request(app).get('/weather?city=Paris').expect(502);
  assert.deepEqual(response.body, { error: 'upstream unavailable' });
});

for (const body of ['{"temp": 15}', 'not json', '{"temperature_c": "warm"}', '[]']) {
  test(`an unexpected answer is 502: ${body}`, async (t) => {
    const odd = http.createServer((req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body));
    await new Promise((resolve) => odd.listen(0, '127.0.0.1', resolve));
    const saved = app.locals.upstreamUrl;
    app.locals.upstreamUrl = `http://127.0.0.1:${odd.address().port}`;
    t.after(() => {
      app.locals.upstreamUrl = saved;
      odd.close();
    });
    const response = await request(app).get('/weather?city=Paris').expect(502);
    assert.deepEqual(response.body, { error: 'upstream sent an unexpected answer' });
  });
}
