const { test, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../rate-limiting');

// supertest connects from 127.0.0.1, the key express-rate-limit's default key generator gives it.
beforeEach(() => app.quoteLimiter.resetKey('127.0.0.1'));

test('three requests, then 429 with Retry-After', async () => {
  const remaining = [];
  for (let i = 0; i < 3; i++) {
    const response = await request(app).get('/api/quote').expect(200);
    assert.ok(response.body.quote);
    assert.equal(response.headers['x-ratelimit-limit'], '3');
    remaining.push(response.headers['x-ratelimit-remaining']);
  }
  assert.deepEqual(remaining, ['2', '1', '0']);
  const refused = await request(app).get('/api/quote').expect(429);
  assert.deepEqual(refused.body, { error: 'too many requests, try again later' });
  const retryAfter = Number(refused.headers['retry-after']);
  assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  assert.match(refused.headers.ratelimit, /r=0/); // the IETF draft header says none remain
});

test('health is not limited', async () => {
  for (let i = 0; i < 10; i++) await request(app).get('/health').expect(200);
});

test('the window resets', async () => {
  for (let i = 0; i < 4; i++) await request(app).get('/api/quote');
  await request(app).get('/api/quote').expect(429);
  await app.quoteLimiter.resetKey('127.0.0.1'); // what the end of the minute does
  await request(app).get('/api/quote').expect(200);
});
