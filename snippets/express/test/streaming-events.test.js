const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../streaming-events');

test('streams events, then done', async () => {
  const res = await request(app).get('/events?count=2').expect(200).expect('Content-Type', /text\/event-stream/);
  assert.ok(res.text.includes('id: 1\nevent: tick\ndata: {"tick":1}\n\n'));
  assert.ok(res.text.endsWith('event: done\ndata: {}\n\n'));
  assert.ok(!res.text.includes('id: 3'));
});

test('count is validated', async () => {
  await request(app).get('/events?count=99').expect(400);
});
