const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../error-handling');

test('missing item and unknown URL are JSON 404s', async () => {
  assert.deepEqual((await request(app).get('/items/99').expect(404)).body, { error: 'item 99 not found' });
  assert.deepEqual((await request(app).get('/no-such-page').expect(404)).body, { error: 'not found' });
});

test('wrong method is 405 with an Allow header', async () => {
  const res = await request(app).delete('/items/1').expect(405);
  assert.match(res.headers.allow, /GET/);
});

test('sync and async bugs become 500 without details', async (t) => {
  t.mock.method(console, 'error', () => {}); // keep the expected error logs out of the test output
  for (const path of ['/boom', '/async-boom']) {
    const res = await request(app).get(path).expect(500);
    assert.deepEqual(res.body, { error: 'internal server error' });
    assert.doesNotMatch(res.text, /at .*\.js/);
  }
});
