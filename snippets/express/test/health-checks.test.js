const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const request = require('supertest');

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'health-checks-'));
process.env.DATABASE_PATH = path.join(scratch, 'app.sqlite3');
const app = require('../health-checks');

test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

test('liveness', async () => {
  assert.deepEqual((await request(app).get('/healthz').expect(200)).body, { status: 'ok' });
});

test('ready when the database answers', async () => {
  const response = await request(app).get('/readyz').expect(200);
  assert.deepEqual(response.body, { status: 'ready', checks: { database: 'ok' } });
});

test('not ready when it does not, without details', async (t) => {
  const saved = app.locals.databasePath;
  app.locals.databasePath = scratch; // a directory cannot be opened
  t.after(() => { app.locals.databasePath = saved; });
  t.mock.method(console, 'error', () => {}); // the expected failure is logged
  const response = await request(app).get('/readyz').expect(503);
  assert.deepEqual(response.body, { status: 'not ready', checks: { database: 'failed' } });
  assert.ok(!response.text.includes(scratch));
});

test('SIGTERM finishes the request in flight, then exits 0', async () => {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'health-checks.js')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const base = await new Promise((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const found = /Listening on (http:\/\/\S+)/.exec(output);
        if (found) resolve(found[1]);
      });
      child.on('exit', () => reject(new Error(`exited before listening: ${output}`)));
    });
    const slow = fetch(`${base}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the request is now being served
    child.kill('SIGTERM');
    const answer = await slow;
    assert.equal(answer.status, 200);
    assert.deepEqual(await answer.json(), { done: true });
    assert.equal(await exited, 0);
    await assert.rejects(fetch(`${base}/healthz`)); // nothing listens any more
  } finally {
    child.kill('SIGKILL');
  }
});
