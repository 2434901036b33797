const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');

// A fresh database file for this test run, set before the app reads DATABASE_PATH.
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'notes-'));
process.env.DATABASE_PATH = path.join(directory, 'notes.sqlite3');
const app = require('../sqlite-database');
after(() => fs.rmSync(directory, { recursive: true, force: true }));

test('insert, query, delete, and the file is written', async () => {
  const first = await request(app).post('/notes').send({ text: 'Buy milk' }).expect(201);
  assert.deepEqual(first.body, { id: 1, text: 'Buy milk' });
  await request(app).post('/notes').send({ text: 'Call Ada' }).expect(201);
  assert.deepEqual((await request(app).get('/notes')).body.map((n) => n.text), ['Buy milk', 'Call Ada']);
  assert.deepEqual((await request(app).get('/notes').query({ q: 'MILK' })).body, [{ id: 1, text: 'Buy milk' }]);
  await request(app).delete('/notes/1').expect(204);
  await request(app).get('/notes/1').expect(404);
  assert.ok(fs.statSync(process.env.DATABASE_PATH).size > 0);
});

test('parameters are never SQL, and text is validated', async () => {
  assert.deepEqual((await request(app).get('/notes').query({ q: "' OR 1=1 --" })).body, []);
  await request(app).post('/notes').send({ text: '' }).expect(400);
});
