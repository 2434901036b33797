const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { once } = require('node:events');
const request = require('supertest');
const WebSocket = require('ws');
const app = require('../websocket-echo');

// The app on a real server with the WebSocket endpoint attached, as the entry point does.
let server;
let base;
before(async () => {
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  app.attachWebSockets(server);
  base = `127.0.0.1:${server.address().port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

async function connect(headers = {}) {
  const ws = new WebSocket(`ws://${base}/ws`, { headers });
  const replies = [];
  ws.on('message', (data) => replies.push(JSON.parse(data)));
  await once(ws, 'open');
  // The next reply, waiting for it if it has not arrived yet.
  ws.next = async () => {
    while (replies.length === 0) await once(ws, 'message');
    return replies.shift();
  };
  return ws;
}

test('JSON messages are echoed with a count', async () => {
  const ws = await connect();
  for (const [index, text] of ['hello', 'again'].entries()) {
    ws.send(JSON.stringify({ text }));
    assert.deepEqual(await ws.next(), { echo: text, count: index + 1 });
  }
  ws.close();
});

test('a bad message gets an error and the connection stays open', async () => {
  const ws = await connect();
  for (const bad of ['not json', '[1]', '{"text": 5}', Buffer.from([0, 1])]) {
    ws.send(bad);
    assert.deepEqual(await ws.next(), { error: 'send JSON like {"text": "hello"}' });
  }
  ws.send(JSON.stringify({ text: 'still here' }));
  assert.equal((await ws.next()).count, 1);
  ws.close();
});

test('bye closes normally', async () => {
  const ws = await connect();
  ws.send(JSON.stringify({ text: 'bye' }));
  const [code] = await once(ws, 'close');
  assert.equal(code, 1000);
});

test('a message over 4 KiB closes with 1009', async () => {
  const ws = await connect();
  ws.send(JSON.stringify({ text: 'x'.repeat(5000) }));
  const [code] = await once(ws, 'close');
  assert.equal(code, 1009);
});

test('allowed and foreign origins', async () => {
  const ws = await connect({ Origin: 'http://127.0.0.1:3000' });
  ws.close();
  const foreign = new WebSocket(`ws://${base}/ws`, { headers: { Origin: 'https://evil.example' } });
  foreign.on('error', () => {}); // the refused handshake also emits an error
  const [, response] = await once(foreign, 'unexpected-response');
  assert.equal(response.statusCode, 403);
  response.destroy();
});

test('a plain GET is a JSON 400', async () => {
  const response = await request(app).get('/ws').expect(400);
  assert.deepEqual(response.body, { error: 'expected a WebSocket upgrade request' });
});
