// A small temperature API whose real subject is its test, test/testing-with-test-clients.test.js.
const express = require('express');

const app = express();
app.disable('x-powered-by');

function celsiusToFahrenheit(celsius) {
  return Math.round(((celsius * 9) / 5 + 32) * 100) / 100;
}

app.get('/convert', (req, res) => {
  const text = req.query.celsius;
  const celsius = typeof text === 'string' && text.trim() !== '' ? Number(text) : NaN;
  if (!Number.isFinite(celsius)) {
    return res.status(400).json({ error: 'give celsius as a number, e.g. ?celsius=21.5' });
  }
  if (celsius < -273.15 || celsius > 1_000_000) {
    return res.status(400).json({ error: 'celsius is out of range' });
  }
  res.json({ celsius, fahrenheit: celsiusToFahrenheit(celsius) });
});

module.exports = app;

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  app.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));
}
