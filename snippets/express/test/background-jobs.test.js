const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../background-jobs');

const create = async (text = 'to be or not to be') => request(app).post('/jobs').send({ text }).expect(202);

test('202 at once, then the result', async () => {
  const started = performance.now();
  const response = await create();
  assert.ok(performance.now() - started < 300, 'did not wait for the work');
  const job = response.body;
  assert.equal(job.status, 'queued');
  assert.equal(response.headers.location, `/jobs/${job.id}`);
  assert.ok(['queued', 'running'].includes((await request(app).get(`/jobs/${job.id}`)).body.status));
  const done = await request(app).get(`/jobs/${job.id}?wait=5`).expect(200);
  assert.deepEqual(done.body, { id: job.id, status: 'done', result: { words: 6, characters: 18 } });
});

test('jobs run two at a time', async () => {
  const started = performance.now();
  const ids = [];
  for (let n = 0; n < 4; n++) ids.push((await create(`job ${n}`)).body.id);
  const results = await Promise.all(ids.map((id) => request(app).get(`/jobs/${id}?wait=5`)));
  assert.deepEqual(results.map((r) => r.body.status), ['done', 'done', 'done', 'done']);
  const elapsed = performance.now() - started;
  assert.ok(elapsed >= 2 * 300 - 20 && elapsed < 3.5 * 300, `took ${elapsed} ms`); // two rounds of work
});

const BAD_LOOKUPS = [
  ['/jobs/999999', 404, 'job not found'],
  ['/jobs/1?wait=6', 400, 'wait must be a whole number from 0 to 5'],
  ['/jobs/1?wait=%D9%A3', 400, 'wait must be a whole number from 0 to 5'],
  ['/jobs/1?wait=1&wait=2', 400, 'wait must be a whole number from 0 to 5'],
];
for (const [path, status, error] of BAD_LOOKUPS) {
  test(`bad lookup ${path}`, async () => {
    await create();
    const response = await request(app).get(path).expect(status);
    assert.deepEqual(response.body, { error });
  });
}

test('bad bodies', async () => {
  await request(app).post('/jobs').send({ text: '' }).expect(400);
  assert.deepEqual((await request(app).post('/jobs').send(['x']).expect(400)).body, { error: 'body must be a JSON object' });
  await request(app).post('/jobs').set('Content-Type', 'application/json').send('{').expect(400);
  await request(app).post('/jobs').set('Content-Type', 'text/plain').send('{"text": "x"}').expect(415);
  await request(app).post('/jobs').set('Content-Type', 'text/plain').send('x'.repeat(200_000)).expect(413);
});

test('a failing job reports failure without details', async (t) => {
  t.mock.method(console, 'error', () => {}); // the failure is logged
  const saved = app.locals.work;
  app.locals.work = async () => {
    throw new Error('secret detail');
  };
  t.after(() => { app.locals.work = saved; });
  const { id } = (await create()).body;
  const result = await request(app).get(`/jobs/${id}?wait=5`).expect(200);
  assert.deepEqual(result.body, { id, status: 'failed', error: 'job failed' });
});

test('a full queue is 503', async (t) => {
  const saved = app.locals.maxPending;
  app.locals.maxPending = 0;
  t.after(() => { app.locals.maxPending = saved; });
  const response = await request(app).post('/jobs').send({ text: 'x' }).expect(503);
  assert.equal(response.headers['retry-after'], '5');
  assert.deepEqual(response.body, { error: 'too many jobs queued, try again later' });
});
