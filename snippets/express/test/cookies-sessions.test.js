const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');

// Test-only settings, set before the app reads them at require time.
process.env.SECRET_KEY = 'test-secret-key-not-for-production';
process.env.COOKIE_SECURE = '0';
const app = require('../cookies-sessions');

test('the session counts visits per client', async () => {
  const agent = request.agent(app); // an agent keeps cookies between requests
  assert.deepEqual((await agent.get('/visits')).body, { visits: 1 });
  assert.deepEqual((await agent.get('/visits')).body, { visits: 2 });
  assert.deepEqual((await request(app).get('/visits')).body, { visits: 1 });
  await agent.post('/logout').expect(200);
  assert.deepEqual((await agent.get('/visits')).body, { visits: 1 });
});

test('a forged session cookie is ignored', async () => {
  const res = await request(app).get('/visits').set('Cookie', 'session=eyJ2aXNpdHMiOjk5fQ');
  assert.deepEqual(res.body, { visits: 1 });
});

test('theme cookie round trip', async () => {
  const agent = request.agent(app);
  assert.deepEqual((await agent.get('/theme')).body, { theme: 'light' });
  const set = await agent.post('/theme').send({ theme: 'dark' }).expect(200);
  assert.match(set.headers['set-cookie'].join(';'), /HttpOnly/);
  assert.deepEqual((await agent.get('/theme')).body, { theme: 'dark' });
  await agent.post('/theme').send({ theme: 'neon' }).expect(400);
});
