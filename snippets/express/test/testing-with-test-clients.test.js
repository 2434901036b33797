// Testing an Express app: supertest starts it on an ephemeral port per request; no server to manage.
const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../testing-with-test-clients');

describe('GET /convert', () => {
  for (const [celsius, fahrenheit] of [[0, 32], [100, 212], [-40, -40], [21.5, 70.7]]) {
    test(`${celsius} °C is ${fahrenheit} °F`, async () => {
      const res = await request(app).get('/convert').query({ celsius }).expect(200);
      assert.deepEqual(res.body, { celsius, fahrenheit });
    });
  }

  for (const query of ['', '?celsius=warm', '?celsius=-300']) {
    test(`rejects "${query}"`, async () => {
      const res = await request(app).get(`/convert${query}`).expect(400).expect('Content-Type', /json/);
      assert.ok('error' in res.body);
    });
  }
});
