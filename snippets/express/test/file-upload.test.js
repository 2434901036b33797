const crypto = require('node:crypto');
const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../file-upload');

test('upload reports size and hash', async () => {
  const content = Buffer.from('hello upload');
  const res = await request(app)
    .post('/upload')
    .field('description', 'greeting')
    .attach('file', content, { filename: 'hello.txt', contentType: 'text/plain' })
    .expect(201);
  assert.deepEqual(res.body, {
    field: 'file',
    size: content.length,
    sha256: crypto.createHash('sha256').update(content).digest('hex'),
    content_type: 'text/plain',
    description: 'greeting',
  });
});

test('missing file is 400, oversized is 413', async () => {
  await request(app).post('/upload').field('description', 'no file').expect(400);
  const res = await request(app)
    .post('/upload')
    .attach('file', Buffer.alloc(1024 * 1024 + 1, 'x'), 'big.bin')
    .expect(413);
  assert.equal(res.body.error, 'file too large');
});
