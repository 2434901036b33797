// Streaming: server-sent events written to the response as they are produced.
const express = require('express');

const app = express();
app.disable('x-powered-by');

app.get('/events', (req, res) => {
  const countText = req.query.count ?? '3';
  const count = Number(countText);
  if (typeof countText !== 'string' || !/^\d+$/.test(countText) || count < 1 || count > 10) {
    return res.status(400).json({ error: 'count must be a whole number from 1 to 10' });
  }
  res.set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no', // ask nginx-style proxies not to buffer the stream
  });
  res.flushHeaders(); // send the headers now; the body follows event by event

  let tick = 0;
  const send = () => {
    tick += 1;
    res.write(`id: ${tick}\nevent: tick\ndata: ${JSON.stringify({ tick })}\n\n`);
    if (tick === count) {
      clearInterval(timer);
      res.end('event: done\ndata: {}\n\n');
    }
  };
  const timer = setInterval(send, 50);
  send();
  // Stop the timer if the client goes away before the stream ends.
  res.on('close', () => clearInterval(timer));
});

module.exports = app;

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  app.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));
}
