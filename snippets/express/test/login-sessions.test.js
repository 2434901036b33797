const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const request = require('supertest');

process.env.SECRET_KEY ??= 'test-secret-key-not-for-production';
process.env.COOKIE_SECURE ??= '0';
process.env.APP_USERNAME ??= 'ada';
process.env.APP_PASSWORD ??= 'correct horse battery staple';
const app = require('../login-sessions');

const PASSWORD = process.env.APP_PASSWORD;
const sid = (response) => (response.headers['set-cookie'] ?? []).find((c) => c.startsWith('sid='));

async function token(agent) {
  return (await agent.get('/csrf-token').expect(200)).body.csrf_token;
}
async function login(agent, { password = PASSWORD, csrf } = {}) {
  // The agent attaches its cookies when a request is created: fetch the token first.
  const csrfToken = csrf ?? (await token(agent));
  return agent.post('/login').set('X-CSRF-Token', csrfToken).send({ username: 'ada', password });
}

test('login, me, logout', async () => {
  const agent = request.agent(app); // keeps cookies between requests
  await agent.get('/me').expect(401);
  const response = await login(agent);
  assert.equal(response.status, 200);
  assert.equal(response.body.user, 'ada');
  assert.deepEqual((await agent.get('/me').expect(200)).body, { user: 'ada' });
  const out = await agent.post('/logout').set('X-CSRF-Token', response.body.csrf_token).expect(200);
  assert.deepEqual(out.body, { logged_out: true });
  await agent.get('/me').expect(401);
});

test('the cookie holds only a random id with safe flags', async () => {
  const agent = request.agent(app);
  const cookie = sid(await agent.get('/csrf-token'));
  assert.match(cookie, /; HttpOnly/);
  assert.match(cookie, /; SameSite=Lax/);
  assert.ok(!cookie.includes('ada'));
});

test('login changes the session id and the CSRF token', async () => {
  const agent = request.agent(app);
  const first = await agent.get('/csrf-token');
  const response = await login(agent, { csrf: first.body.csrf_token });
  assert.ok(sid(response) && sid(response) !== sid(first)); // no session fixation
  assert.notEqual(response.body.csrf_token, first.body.csrf_token);
  await agent.post('/logout').set('X-CSRF-Token', first.body.csrf_token).expect(403);
});

for (const sent of [undefined, 'forged']) {
  test(`a request with ${sent ? 'a forged' : 'no'} token is 403`, async () => {
    const agent = request.agent(app);
    await token(agent);
    const call = agent.post('/login');
    const response = await (sent ? call.set('X-CSRF-Token', sent) : call).send({ username: 'ada', password: PASSWORD });
    assert.equal(response.status, 403);
    assert.deepEqual(response.body, { error: 'CSRF token missing or invalid' });
    await agent.get('/me').expect(401);
  });
}

test('a token from another session is refused', async () => {
  const agent = request.agent(app);
  const other = request.agent(app);
  assert.equal((await login(agent, { csrf: await token(other) })).status, 403);
});

for (const username of ['ada', 'nobody']) {
  test(`wrong credentials get one answer (${username})`, async () => {
    const agent = request.agent(app);
    const csrfToken = await token(agent);
    const response = await agent.post('/login').set('X-CSRF-Token', csrfToken).send({ username, password: 'wrong password' });
    assert.equal(response.status, 401);
    assert.deepEqual(response.body, { error: 'wrong username or password' });
  });
}

test('bad bodies are refused before the CSRF check', async () => {
  await request(app).post('/login').set('Content-Type', 'application/json').send('{').expect(400);
  await request(app).post('/login').set('Content-Type', 'text/plain').send('{}').expect(415);
  await request(app).post('/login').set('Content-Type', 'application/json').send('x'.repeat(20_000)).expect(413);
  const agent = request.agent(app);
  const csrfToken = await token(agent);
  const missing = await agent.post('/login').set('X-CSRF-Token', csrfToken).send({ username: 'ada' });
  assert.deepEqual(missing.body, { error: 'username and password are required' });
});

test('start-up fails clearly without a secret key', () => {
  const { SECRET_KEY, ...env } = process.env;
  const result = spawnSync(process.execPath, [path.join(__dirname, '..', 'login-sessions.js')], { env, encoding: 'utf8', timeout: 30_000 });
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /SECRET_KEY must be set/);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
});
