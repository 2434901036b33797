const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../body-validation');

test('valid sign-up', async () => {
  const res = await request(app).post('/signup').send({ email: 'ada@example.com', age: 36, name: 'Ada' });
  assert.equal(res.status, 201);
  assert.deepEqual(res.body, { email: 'ada@example.com', age: 36, name: 'Ada' });
});

test('each invalid field is named', async () => {
  for (const [body, field] of [
    [{ age: 20 }, 'email'],
    [{ email: 'a@b.c', age: true }, 'age'],
    [{ email: 'a@b.c', age: 5 }, 'age'],
  ]) {
    const res = await request(app).post('/signup').send(body);
    assert.equal(res.status, 400);
    assert.ok(field in res.body.details, `${field} in ${JSON.stringify(res.body)}`);
  }
});

test('wrong content type and malformed JSON', async () => {
  await request(app).post('/signup').type('form').send('email=a@b.c').expect(415);
  const bad = await request(app).post('/signup').set('Content-Type', 'application/json').send('{"email": ');
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body, { error: 'malformed JSON' });
});
