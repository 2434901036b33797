const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');

process.env.CORS_ORIGINS = 'https://app.example.com';
const app = require('../cross-origin-requests');

const ALLOWED = 'https://app.example.com';

test('an allowed origin gets CORS headers', async () => {
  const res = await request(app).get('/api/data').set('Origin', ALLOWED).expect(200);
  assert.equal(res.headers['access-control-allow-origin'], ALLOWED);
});

test('another origin gets none', async () => {
  const res = await request(app).get('/api/data').set('Origin', 'https://evil.example').expect(200);
  assert.equal(res.headers['access-control-allow-origin'], undefined);
});

test('preflight', async () => {
  const res = await request(app)
    .options('/api/data')
    .set('Origin', ALLOWED)
    .set('Access-Control-Request-Method', 'PUT')
    .expect(200);
  assert.match(res.headers['access-control-allow-methods'], /PUT/);
  assert.equal(res.headers['access-control-max-age'], '600');
});
