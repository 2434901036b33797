const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../pagination');

async function followAllPages(limit) {
  const ids = [];
  let url = `/articles?limit=${limit}`;
  while (url) {
    const response = await request(app).get(url).expect(200);
    assert.ok(response.body.items.length <= limit);
    ids.push(...response.body.items.map((item) => item.id));
    url = response.body.next;
    // The Link header and the body name the same next page (or neither does).
    assert.equal(response.headers.link, url ? `<${url}>; rel="next"` : undefined);
  }
  return ids;
}

const everyId = Array.from({ length: 50 }, (_, i) => i + 1);

for (const limit of [1, 7, 10, 50, 100]) {
  test(`following next visits every article once, in order (limit ${limit})`, async () => {
    assert.deepEqual(await followAllPages(limit), everyId);
  });
}

test('first page and cursor', async () => {
  const first = await request(app).get('/articles?limit=2').expect(200);
  assert.deepEqual(first.body, {
    items: [{ id: 1, title: 'Article 1' }, { id: 2, title: 'Article 2' }],
    next: '/articles?after=2&limit=2',
  });
  const second = await request(app).get(first.body.next).expect(200);
  assert.deepEqual(second.body.items.map((item) => item.id), [3, 4]);
});

test('default limit and last page', async () => {
  assert.equal((await request(app).get('/articles')).body.items.length, 10);
  const last = await request(app).get('/articles?after=48&limit=5').expect(200);
  assert.deepEqual(last.body.items.map((item) => item.id), [49, 50]);
  assert.equal(last.body.next, null);
  assert.equal(last.headers.link, undefined);
});

const badQueries = ['limit=0', 'limit=101', 'limit=abc', 'limit=', 'limit=%C2%B2', 'limit=%D9%A3', 'limit=1e3',
  'limit=-1', 'limit=1&limit=2', 'after=-1', 'after=1.5', `after=${'9'.repeat(25)}`];
for (const query of badQueries) {
  test(`bad value ${query} is 400 with a JSON message`, async () => {
    const response = await request(app).get(`/articles?${query}`).expect(400);
    assert.match(response.body.error, /from (1 to 100|0 to 9223372036854775807)$/);
  });
}

test('unknown paths answer JSON 404', async () => {
  const response = await request(app).get('/nope').expect(404);
  assert.deepEqual(response.body, { error: 'not found' });
});
