const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../schema-validation');

const VALID = { title: '  Dune ', author: 'Frank Herbert', year: 1965, tags: ['sf'] };

test('a valid book is created, trimmed and readable', async () => {
  const response = await request(app).post('/books').send(VALID).expect(201);
  const book = response.body;
  assert.deepEqual(book, { id: book.id, title: 'Dune', author: 'Frank Herbert', year: 1965, tags: ['sf'] });
  assert.equal(response.headers.location, `/books/${book.id}`);
  assert.deepEqual((await request(app).get(response.headers.location).expect(200)).body, book);
});

test('tags default to empty', async () => {
  const response = await request(app).post('/books').send({ title: 'Emma', author: 'Jane Austen', year: 1815 }).expect(201);
  assert.deepEqual(response.body.tags, []);
});

const INVALID = [
  [{}, ['title', 'author', 'year']],
  [{ ...VALID, year: '1965' }, ['year']], // no string-to-int conversion
  [{ ...VALID, year: true }, ['year']],
  [{ ...VALID, year: 1200 }, ['year']],
  [{ ...VALID, title: '   ' }, ['title']], // blank after trimming
  [{ ...VALID, tags: ['a', ''] }, ['tags.1']],
  [{ ...VALID, tags: Array(6).fill('t') }, ['tags']],
  [{ ...VALID, isbn: 'x' }, ['isbn']], // unknown keys are reported, not dropped
  [[VALID], ['']],
];
for (const [body, paths] of INVALID) {
  test(`every problem is listed with its path: ${JSON.stringify(body).slice(0, 60)}`, async () => {
    const response = await request(app).post('/books').send(body).expect(422);
    assert.equal(response.body.error, 'validation failed');
    assert.deepEqual(response.body.details.map((detail) => detail.path), paths);
    assert.ok(response.body.details.every((detail) => detail.message));
  });
}

test('problems with the request itself', async () => {
  const malformed = await request(app).post('/books').set('Content-Type', 'application/json').send('{').expect(400);
  assert.deepEqual(malformed.body, { error: 'malformed JSON' });
  await request(app).post('/books').set('Content-Type', 'text/plain').send('{}').expect(415);
  await request(app).post('/books').set('Content-Type', 'application/json; charset=latin1').send('{}').expect(415);
  await request(app).post('/books').send({ title: 'x'.repeat(200_000) }).expect(413);
});

test('OpenAPI schemas come from the zod schema', async () => {
  const { body: document } = await request(app).get('/openapi.json').expect(200);
  assert.equal(document.openapi, '3.1.0');
  const bookIn = document.components.schemas.BookIn;
  assert.deepEqual(bookIn.required, ['title', 'author', 'year']);
  assert.equal(bookIn.additionalProperties, false);
  assert.deepEqual(bookIn.properties.year, { type: 'integer', minimum: 1450, maximum: 2100 });
  assert.deepEqual(document.components.schemas.Book.required, ['title', 'author', 'year', 'id']);
  assert.equal(document.paths['/books'].post.requestBody.content['application/json'].schema.$ref, '#/components/schemas/BookIn');
});

test('unknown book and bad id', async () => {
  assert.deepEqual((await request(app).get('/books/999999').expect(404)).body, { error: 'book not found' });
  await request(app).get('/books/%C2%B2').expect(404);
});
