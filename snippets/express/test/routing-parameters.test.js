const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../routing-parameters');

test('numeric path parameter', async () => {
  assert.deepEqual((await request(app).get('/users/42')).body, { user_id: 42 });
  assert.equal((await request(app).get('/users/abc')).status, 404);
});

test('query parameters with default and validation', async () => {
  assert.deepEqual((await request(app).get('/search').query({ q: 'express' })).body, { q: 'express', page: 1 });
  assert.deepEqual((await request(app).get('/search?q=x&page=3')).body, { q: 'x', page: 3 });
  assert.equal((await request(app).get('/search?page=0')).status, 400);
});

test('repeated keys and wildcard paths', async () => {
  assert.deepEqual((await request(app).get('/tags?tag=a&tag=b')).body, { tags: ['a', 'b'] });
  assert.deepEqual((await request(app).get('/tags?tag=a')).body, { tags: ['a'] });
  assert.deepEqual((await request(app).get('/files/docs/readme.md')).body, { path: 'docs/readme.md' });
});
