const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../json-crud-api');

test('create, read, update, delete', async () => {
  const created = await request(app).post('/items').send({ name: 'Write tests' }).expect(201);
  const { id } = created.body;
  assert.equal(created.headers.location, `/items/${id}`);
  assert.deepEqual((await request(app).get(`/items/${id}`)).body, created.body);
  const updated = await request(app).patch(`/items/${id}`).send({ done: true }).expect(200);
  assert.equal(updated.body.done, true);
  await request(app).delete(`/items/${id}`).expect(204);
  await request(app).get(`/items/${id}`).expect(404);
});

test('invalid bodies are 400, oversized 413', async () => {
  await request(app).post('/items').send({}).expect(400);
  await request(app).post('/items').set('Content-Type', 'application/json').send('{"name":').expect(400);
  await request(app).post('/items').send({ name: 'x'.repeat(200_000) }).expect(413);
});

test('other content types and charsets are 415; errors are JSON, never HTML', async () => {
  await request(app).post('/items').set('Content-Type', 'text/plain').send('{"name":"x"}').expect(415);
  const charset = await request(app)
    .post('/items')
    .set('Content-Type', 'application/json; charset=latin1')
    .send('{"name":"x"}')
    .expect(415);
  assert.deepEqual(charset.body, { error: 'send the JSON body in UTF-8' });
  const unknown = await request(app).get('/no-such-page').expect(404).expect('Content-Type', /json/);
  assert.deepEqual(unknown.body, { error: 'not found' });
  await request(app).get('/items/%D9%A1').expect(404); // Arabic-Indic one is not an id
});
