const { test } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');

process.env.SECRET_KEY = 'test-secret-key-not-for-production';
const { createApp, loadConfig, ConfigError } = require('../environment-config');

const GOOD = { SECRET_KEY: 'x'.repeat(32), APP_NAME: 'Demo', ITEMS_PER_PAGE: '5', MAINTENANCE_MODE: 'true' };

test('values are parsed and the secret is not shown', async () => {
  const res = await request(createApp(GOOD)).get('/config').expect(200);
  assert.deepEqual(res.body, { app_name: 'Demo', items_per_page: 5, maintenance_mode: true, secret_key_set: true });
});

test('defaults', () => {
  const config = loadConfig({ SECRET_KEY: 'x'.repeat(32) });
  assert.deepEqual([config.appName, config.itemsPerPage, config.maintenanceMode], ['Cookbook', 20, false]);
});

test('bad values stop start-up', () => {
  for (const [override, variable] of [
    [{ SECRET_KEY: '' }, 'SECRET_KEY'],
    [{ ITEMS_PER_PAGE: 'lots' }, 'ITEMS_PER_PAGE'],
    [{ MAINTENANCE_MODE: 'maybe' }, 'MAINTENANCE_MODE'],
  ]) {
    assert.throws(() => createApp({ ...GOOD, ...override }), (error) => error instanceof ConfigError && error.message.includes(variable));
  }
});
