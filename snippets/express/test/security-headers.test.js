const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../security-headers');

const EXPECTED = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'x-xss-protection': '0',
};
const CSP = /^default-src 'self';script-src 'self' 'nonce-([0-9a-f]{32})';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'$/;

for (const [path, status] of [['/', 200], ['/api/status', 200], ['/missing', 404]]) {
  test(`${path} carries the headers`, async () => {
    const response = await request(app).get(path).expect(status);
    for (const [name, value] of Object.entries(EXPECTED)) assert.equal(response.headers[name], value, name);
    assert.match(response.headers['content-security-policy'], CSP);
    assert.equal(response.headers['x-powered-by'], undefined);
  });
}

test("the page script carries this response's nonce", async () => {
  const [first, second] = [await request(app).get('/'), await request(app).get('/')];
  const nonces = [first, second].map((r) => CSP.exec(r.headers['content-security-policy'])[1]);
  assert.notEqual(nonces[0], nonces[1]); // never reused
  assert.ok(first.text.includes(`<script nonce="${nonces[0]}">`));
  assert.equal(first.text.split('<script').length - 1, 1);
});

test('errors are JSON', async () => {
  const response = await request(app).post('/api/status').expect(404);
  assert.deepEqual(response.body, { error: 'not found' });
  assert.equal(response.headers['x-frame-options'], 'DENY');
});
