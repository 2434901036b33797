const { test, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const { Writable } = require('node:stream');
const request = require('supertest');
const app = require('../structured-logging');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
let written = '';
const logLines = () => written.split('\n').filter(Boolean).map((line) => JSON.parse(line));

beforeEach(() => {
  written = '';
  app.logger.stream = new Writable({ write(chunk, encoding, done) { written += chunk; done(); } });
});

// The access line is written when the response finishes, which can be just after supertest resolves.
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('every line of a request carries its id', async () => {
  const response = await request(app).get('/orders/2').set('X-Request-Id', 'checkout-42').expect(200);
  await settle();
  assert.deepEqual(response.body, { id: 2, item: 'grinder' });
  assert.equal(response.headers['x-request-id'], 'checkout-42');
  const [lookup, access] = logLines();
  assert.equal(lookup.message, 'order looked up');
  assert.equal(lookup.order_id, 2);
  assert.equal(access.message, 'request finished');
  assert.deepEqual([access.method, access.path, access.status], ['GET', '/orders/2', 200]);
  assert.equal(typeof access.duration_ms, 'number');
  assert.equal(lookup.request_id, 'checkout-42');
  assert.equal(access.request_id, 'checkout-42');
  assert.match(access.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

for (const unsafe of ['', 'has space', 'x'.repeat(65), 'quote"']) {
  test(`unsafe or missing id ${JSON.stringify(unsafe.slice(0, 10))} is replaced`, async () => {
    const call = request(app).get('/orders/1');
    const response = await (unsafe ? call.set('X-Request-Id', unsafe) : call);
    await settle();
    assert.match(response.headers['x-request-id'], UUID);
    assert.ok(logLines().every((line) => line.request_id === response.headers['x-request-id']));
  });
}

test('each request gets its own id', async () => {
  const [a, b] = [await request(app).get('/orders/1'), await request(app).get('/orders/1')];
  assert.notEqual(a.headers['x-request-id'], b.headers['x-request-id']);
});

test('errors carry the id and the stack stays in the log', async () => {
  const missing = await request(app).get('/orders/9').set('X-Request-Id', 'r-1').expect(404);
  assert.deepEqual(missing.body, { error: 'order not found', request_id: 'r-1' });
  const crashed = await request(app).get('/boom').set('X-Request-Id', 'r-2').expect(500);
  await settle();
  assert.deepEqual(crashed.body, { error: 'internal server error', request_id: 'r-2' });
  assert.ok(!crashed.text.includes('at '));
  const errorLine = logLines().find((line) => line.level === 'error');
  assert.equal(errorLine.request_id, 'r-2');
  assert.match(errorLine.error, /Error: something broke/);
});

test('the query string is not logged', async () => {
  await request(app).get('/orders/1?token=secret');
  await settle();
  assert.ok(!written.includes('secret'));
});
