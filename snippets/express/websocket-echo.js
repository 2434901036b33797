// A WebSocket endpoint with ws beside an Express app: JSON messages in, JSON replies out.
//
// Send {"text": "hello"} to /ws and get {"echo": "hello", "count": 1} back; a malformed message
// gets an error reply and the connection stays open; a message over 4 KiB closes it with code
// 1009. Browsers may open WebSockets to any site, so connections from other sites' pages (a
// foreign Origin header) are refused.
const express = require('express');
const { WebSocketServer } = require('ws');

const PORT = Number(process.env.PORT) || 3000;
// Pages allowed to connect. Non-browser clients send no Origin and are let through; browsers
// always send it, which is what stops a page on another site using a visitor's cookies here.
const ALLOWED_ORIGINS = new Set(
  (process.env.WS_ALLOWED_ORIGINS ?? `http://127.0.0.1:${PORT},http://localhost:${PORT}`).split(',').filter(Boolean),
);
const HEARTBEAT_MS = 25_000;

const app = express();
app.disable('x-powered-by');

app.get('/', (req, res) => {
  res.json({ websocket: '/ws', send: { text: 'hello' } });
});

// Express never sees upgrade requests (they go to the server's 'upgrade' event), so a plain
// GET of /ws is one without the upgrade: say what is expected.
app.get('/ws', (req, res) => {
  res.status(400).json({ error: 'expected a WebSocket upgrade request' });
});

app.use((req, res) => {
  res.status(404).json({ error: 'not found' });
});

// The final error handler: 4xx errors say what was wrong; anything else is logged and
// answered without details, so no stack trace or file path reaches the client.
app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  const status = err.status ?? err.statusCode;
  if (status >= 400 && status < 500) {
    return res.status(status).json({ error: err.expose ? err.message : 'bad request' });
  }
  console.error(err);
  res.status(500).json({ error: 'internal server error' });
});

function handleConnection(ws) {
  let count = 0;
  ws.isAlive = true;
  ws.on('pong', () => {
    ws.isAlive = true;
  });
  ws.on('message', (data, isBinary) => {
    let message;
    try {
      message = isBinary ? undefined : JSON.parse(data.toString('utf8'));
    } catch {
      // answered below
    }
    if (typeof message !== 'object' || message === null || typeof message.text !== 'string') {
      ws.send(JSON.stringify({ error: 'send JSON like {"text": "hello"}' }));
      return;
    }
    if (message.text === 'bye') return ws.close(1000, 'bye');
    count += 1;
    ws.send(JSON.stringify({ echo: message.text, count }));
  });
  ws.on('error', (error) => console.error('websocket error:', error.message)); // e.g. an invalid frame
}

// Attach the WebSocket endpoint to the HTTP server that serves the app.
function attachWebSockets(server) {
  // noServer: this function decides which upgrade requests reach ws. maxPayload: larger
  // messages close the connection with 1009.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  wss.on('connection', handleConnection);
  server.on('upgrade', (req, socket, head) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    const origin = req.headers.origin;
    const refuse = (status, text) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ error: text.toLowerCase() })}`);
    };
    if (pathname !== '/ws') return refuse(404, 'Not Found');
    if (origin !== undefined && !ALLOWED_ORIGINS.has(origin)) return refuse(403, 'Origin not allowed');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  // Ping every client; one that has not answered the previous ping is gone (a dropped network
  // sends no close frame) and is terminated. Pings also keep proxies from closing idle connections.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!ws.isAlive) ws.terminate();
      ws.isAlive = false;
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  server.on('close', () => clearInterval(heartbeat));
  return wss;
}

module.exports = app;
module.exports.attachWebSockets = attachWebSockets;

if (require.main === module) {
  const host = process.env.HOST || '127.0.0.1';
  const server = app.listen(PORT, host, (error) => {
    // Express 5 hands listen errors (port in use, no permission) to this callback.
    if (error) {
      console.error(`cannot listen on ${host}:${PORT}: ${error.code || error.message}`);
      process.exit(1);
    }
    console.log(`Listening on http://${host}:${PORT}`);
  });
  attachWebSockets(server);
}
