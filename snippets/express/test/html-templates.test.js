const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../html-templates/app');

test('index lists frameworks inside the base layout', async () => {
  const html = (await request(app).get('/').expect(200)).text;
  assert.match(html, /<title>Frameworks<\/title>/);
  assert.match(html, /<li>Flask<\/li>/);
  assert.match(html, /<li>Express<\/li>/);
});

test('names are escaped', async () => {
  const html = (await request(app).get('/greet').query({ name: '<script>alert(1)</script>' })).text;
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!html.includes('<script>'));
  assert.match((await request(app).get('/greet')).text, /Hello, stranger!/);
});
