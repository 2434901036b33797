const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../hello-world');

test('index says hello', async () => {
  const res = await request(app).get('/');
  assert.equal(res.status, 200);
  assert.equal(res.text, 'Hello, World!');
});

test('JSON hello', async () => {
  const res = await request(app).get('/api/hello').expect('Content-Type', /application\/json/);
  assert.deepEqual(res.body, { message: 'Hello, World!' });
  assert.equal(res.headers['x-powered-by'], undefined);
});

test('an unknown URL is a JSON 404, not an HTML page', async () => {
  const response = await request(app).get('/nope').expect(404).expect('Content-Type', /json/);
  assert.deepEqual(response.body, { error: 'not found' });
});
