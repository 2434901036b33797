const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../middleware-hooks');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test('generates a request id and a timing header', async () => {
  const res = await request(app).get('/hello');
  assert.match(res.headers['x-request-id'], UUID);
  assert.equal(res.body.request_id, res.headers['x-request-id']);
  assert.match(res.headers['server-timing'], /^app;dur=\d+\.\d{2}$/);
});

test('keeps a safe incoming id and replaces an unsafe one', async () => {
  assert.equal((await request(app).get('/hello').set('X-Request-Id', 'abc-123')).headers['x-request-id'], 'abc-123');
  const replaced = await request(app).get('/hello').set('X-Request-Id', 'bad id <script>');
  assert.match(replaced.headers['x-request-id'], UUID);
});
