const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../production-server'); // required, not run: no cluster is started

test('health check', async () => {
  assert.deepEqual((await request(app).get('/healthz').expect(200)).body, { status: 'ok' });
});

test('no X-Powered-By header', async () => {
  const res = await request(app).get('/');
  assert.equal(res.headers['x-powered-by'], undefined);
  assert.equal(res.body.pid, process.pid);
});
