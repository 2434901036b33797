const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const request = require('supertest');

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'orm-migrations-'));
process.env.DATABASE_PATH = path.join(scratch, 'library.sqlite3');
const app = require('../orm-migrations/app');
const { migratorFor, pendingMigrations } = require('../orm-migrations/database');

before(async () => {
  const { error } = await migratorFor(app.db).migrateToLatest();
  assert.equal(error, undefined);
});
after(async () => {
  await app.db.destroy();
  fs.rmSync(scratch, { recursive: true, force: true });
});

test('books and authors', async () => {
  const dune = await request(app).post('/books').send({ title: 'Dune', author: 'Frank Herbert', isbn: '9780441013593' }).expect(201);
  assert.equal(dune.headers.location, `/books/${dune.body.id}`);
  assert.deepEqual(dune.body, { id: dune.body.id, title: 'Dune', isbn: '9780441013593', author: { id: dune.body.author.id, name: 'Frank Herbert' } });
  const second = await request(app).post('/books').send({ title: 'Children of Dune', author: 'Frank Herbert' }).expect(201);
  assert.deepEqual(second.body.author, dune.body.author); // the existing author is reused
  assert.deepEqual((await request(app).get(`/books/${second.body.id}`).expect(200)).body, second.body);
  const listing = await request(app).get(`/authors/${dune.body.author.id}/books`).expect(200);
  assert.deepEqual(listing.body.books.map((book) => book.title), ['Dune', 'Children of Dune']);
});

test('a duplicate ISBN is 409 and writes nothing', async () => {
  await request(app).post('/books').send({ title: 'Emma', author: 'Jane Austen', isbn: '9780141439587' }).expect(201);
  const response = await request(app).post('/books').send({ title: 'Copy', author: 'Someone Else', isbn: '9780141439587' }).expect(409);
  assert.deepEqual(response.body, { error: 'a book with this ISBN already exists' });
  const authors = await app.db.selectFrom('authors').select('name').where('name', '=', 'Someone Else').execute();
  assert.deepEqual(authors, []); // the new author was rolled back too
});

const INVALID = [
  [{ author: 'A' }, 'title must be 1 to 200 characters'],
  [{ title: 'T', author: ' ' }, 'author must be 1 to 100 characters'],
  [{ title: 'T', author: 'A', isbn: '123' }, 'isbn must be 13 digits'],
  [{ title: 'T', author: 'A', isbn: 9780441013593 }, 'isbn must be 13 digits'],
];
for (const [body, error] of INVALID) {
  test(`invalid book: ${error}`, async () => {
    assert.deepEqual((await request(app).post('/books').send(body).expect(400)).body, { error });
  });
}

test('unknown ids are 404', async () => {
  assert.deepEqual((await request(app).get('/books/999').expect(404)).body, { error: 'book not found' });
  assert.deepEqual((await request(app).get('/authors/999/books').expect(404)).body, { error: 'author not found' });
  await request(app).get('/books/%D9%A3').expect(404);
});

test('down and up again', async () => {
  const migrator = migratorFor(app.db);
  assert.equal((await migrator.migrateDown()).error, undefined);
  const columns = async () => (await app.db.introspection.getTables()).find((t) => t.name === 'books').columns.map((c) => c.name);
  assert.ok(!(await columns()).includes('isbn'));
  assert.deepEqual(await pendingMigrations(app.db), ['0002_add_isbn']);
  assert.equal((await migrator.migrateToLatest()).error, undefined);
  assert.ok((await columns()).includes('isbn'));
});

test('an unmigrated database stops the app', () => {
  const { MIGRATE_ON_START, ...env } = process.env;
  const result = spawnSync(process.execPath, [path.join(__dirname, '..', 'orm-migrations', 'app.js')], {
    env: { ...env, DATABASE_PATH: path.join(scratch, 'empty.sqlite3'), PORT: '0' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /the database lacks migrations 0001_create_authors_and_books, 0002_add_isbn/);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
});
