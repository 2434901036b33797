// A test in TypeScript too: node --test runs .mts files, stripping their types like the app's.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import request from 'supertest';
import { app } from '../typescript-app/app.mts';

const here = import.meta.dirname;

test('create and filter todos', async () => {
  const created = await request(app).post('/todos').send({ title: ' Ship it ', priority: 'high' }).expect(201);
  assert.deepEqual(created.body, { id: created.body.id, title: 'Ship it', priority: 'high', done: false });
  const normal = await request(app).post('/todos').send({ title: 'Tidy up' }).expect(201);
  assert.equal(normal.body.priority, 'normal'); // the default
  const high = await request(app).get('/todos?priority=high').expect(200);
  assert.ok(high.body.every((todo: { priority: string }) => todo.priority === 'high'));
  assert.ok(high.body.some((todo: { id: number }) => todo.id === created.body.id));
});

for (const body of [{}, { title: '' }, { title: 'x', priority: 'urgent' }, { title: 5 }, ['x']]) {
  test(`invalid body ${JSON.stringify(body)} is 400`, async () => {
    const response = await request(app).post('/todos').send(body).expect(400);
    assert.deepEqual(response.body, { error: 'title must be 1 to 200 characters and priority one of low, normal, high' });
  });
}

test('bad requests get their own status', async () => {
  await request(app).post('/todos').set('Content-Type', 'application/json').send('{').expect(400);
  await request(app).post('/todos').set('Content-Type', 'text/plain').send('{}').expect(415);
  await request(app).get('/todos?priority=urgent').expect(400);
  await request(app).get('/todos?priority=high&priority=low').expect(400);
  assert.deepEqual((await request(app).get('/nope').expect(404)).body, { error: 'not found' });
});

test('the types check with tsc', () => {
  const tsc = path.join(here, '..', 'node_modules', '.bin', 'tsc');
  const result = spawnSync(tsc, ['-p', path.join(here, '..', 'typescript-app')], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(result.status, 0, result.stdout + result.stderr);
});
