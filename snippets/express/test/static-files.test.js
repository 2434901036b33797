const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../static-files/app');

test('serves files from public/', async () => {
  const res = await request(app).get('/static/hello.txt').expect(200).expect('Content-Type', /text\/plain/);
  assert.match(res.text, /Hello from a static file\./);
});

test('conditional request gets 304', async () => {
  const { etag } = (await request(app).get('/static/hello.txt')).headers;
  await request(app).get('/static/hello.txt').set('If-None-Match', etag).expect(304);
});

test('missing file is 404, traversal is refused', async () => {
  await request(app).get('/static/missing.txt').expect(404);
  const traversal = await request(app).get('/static/%2e%2e/app.js');
  assert.ok([403, 404].includes(traversal.status));
});

test('page links the stylesheet', async () => {
  assert.match((await request(app).get('/')).text, /href="\/static\/style.css"/);
});
