const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../modular-app/app');

test('routers are mounted under their prefixes', async () => {
  assert.deepEqual((await request(app).get('/health')).body, { status: 'ok', modules: ['authors', 'books'] });
  assert.equal((await request(app).get('/books')).body.length, 2);
  assert.equal((await request(app).get('/books/1')).body.title, 'Dune');
  assert.equal((await request(app).get('/authors/2/books')).body[0].id, 2);
  await request(app).get('/authors/9/books').expect(404);
});
