const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');

process.env.SECRET_KEY = 'test-secret-key-not-for-production';
process.env.API_USERNAME = 'admin';
process.env.API_PASSWORD = 'correct horse battery';
const app = require('../token-authentication');

const credentials = { username: 'admin', password: 'correct horse battery' };

test('log in, then use the token', async () => {
  const { token } = (await request(app).post('/login').send(credentials).expect(200)).body;
  const res = await request(app).get('/me').set('Authorization', `Bearer ${token}`).expect(200);
  assert.deepEqual(res.body, { user: 'admin' });
});

test('refusals', async () => {
  await request(app).post('/login').send({ ...credentials, password: 'wrong' }).expect(401);
  const missing = await request(app).get('/me').expect(401);
  assert.match(missing.headers['www-authenticate'], /^Bearer/);
  await request(app).get('/me').set('Authorization', 'Bearer forged.token').expect(401);
});
