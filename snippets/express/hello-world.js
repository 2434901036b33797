// Hello world: the smallest Express app, answering plain text and JSON.
const express = require('express');

const app = express();
app.disable('x-powered-by'); // do not advertise the framework in every response

app.get('/', (req, res) => {
  res.send('Hello, World!');
});

app.get('/api/hello', (req, res) => {
  // res.json serialises the object and sets Content-Type: application/json.
  res.json({ message: 'Hello, World!' });
});

module.exports = app;

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  app.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));
}
