// Request body parsing and validation, answering every mistake with a clear JSON 4xx.
const express = require('express');

const app = express();
app.disable('x-powered-by');
// A sign-up form never needs more than 16 KiB; inflate: false makes a compressed body a 415, as in Flask.
app.use(express.json({ limit: '16kb', inflate: false }));

function validateSignup(data) {
  const problems = {};
  const { email, age, name = '' } = data;
  if (typeof email !== 'string' || !email.includes('@') || email.length > 254) {
    problems.email = 'must be an email address';
  }
  // Number.isInteger is false for true/false, strings and 30.5, but true for 30.0.
  if (!Number.isInteger(age) || age < 13 || age > 130) {
    problems.age = 'must be a whole number from 13 to 130';
  }
  if (typeof name !== 'string' || name.length > 50) {
    problems.name = 'must be text of at most 50 characters';
  }
  return problems;
}

app.post('/signup', (req, res) => {
  // express.json() only parses application/json bodies; anything else leaves req.body undefined.
  if (!req.is('application/json')) {
    return res.status(415).json({ error: 'expected a JSON body (Content-Type: application/json)' });
  }
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    return res.status(400).json({ error: 'body must be a JSON object' });
  }
  const problems = validateSignup(req.body);
  if (Object.keys(problems).length > 0) {
    return res.status(400).json({ error: 'validation failed', details: problems });
  }
  // Echo only the fields we validated, never the raw body.
  const { email, age, name = '' } = req.body;
  res.status(201).json({ email, age, name });
});

// No route matched: a JSON 404 instead of Express's HTML "Cannot GET" page.
app.use((req, res) => {
  res.status(404).json({ error: 'not found' });
});

// The final error handler. express.json() reports malformed JSON (400), a body over the limit
// (413) and a charset it cannot decode (415) as errors with a `type`. Anything else is a bug:
// log it, tell the client nothing (Express's default handler would send the stack trace unless
// NODE_ENV is "production", so never rely on it).
const BODY_ERRORS = {
  'entity.parse.failed': [400, 'malformed JSON'],
  'entity.too.large': [413, 'request body too large'],
  'charset.unsupported': [415, 'send the JSON body in UTF-8'],
  'encoding.unsupported': [415, 'unsupported Content-Encoding'],
};
app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  const known = BODY_ERRORS[err.type];
  if (known) return res.status(known[0]).json({ error: known[1] });
  console.error(err);
  res.status(500).json({ error: 'internal server error' });
});

module.exports = app;

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  app.listen(port, host, (error) => {
    // Express 5 hands listen errors (port in use, no permission) to this callback.
    if (error) {
      console.error(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`);
      process.exit(1);
    }
    console.log(`Listening on http://${host}:${port}`);
  });
}
