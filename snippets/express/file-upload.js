// File upload: accept one multipart file with multer, refuse anything over 1 MiB with a JSON 413.
// The file is held in memory, hashed and dropped. If you do save uploads, choose the file name
// yourself (never trust originalname) and store them outside the static folder.
const crypto = require('node:crypto');
const express = require('express');
const multer = require('multer');

const MAX_UPLOAD_BYTES = 1024 * 1024;

const upload = multer({
  storage: multer.memoryStorage(),
  // Limits apply per file and per field, not to the whole request as Flask's MAX_CONTENT_LENGTH does.
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 16 * 1024 },
});

const app = express();
app.disable('x-powered-by');

app.post('/upload', upload.single('file'), (req, res) => {
  if (!req.file) {
    return res.status(400).json({ error: "send one file in the multipart field 'file'" });
  }
  res.status(201).json({
    field: 'file',
    size: req.file.size,
    sha256: crypto.createHash('sha256').update(req.file.buffer).digest('hex'),
    content_type: req.file.mimetype,
    description: req.body.description ?? '',
  });
});

// No route matched: a JSON 404 instead of Express's HTML "Cannot GET" page.
app.use((req, res) => {
  res.status(404).json({ error: 'not found' });
});

// The final error handler. Express's default one would send the stack trace unless NODE_ENV is
// "production", so never rely on it.
app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') {
      return res.status(413).json({ error: 'file too large', max_bytes: MAX_UPLOAD_BYTES });
    }
    // Wrong field name, too many files or fields: all mean the form is not what we expect.
    return res.status(400).json({ error: "send one file in the multipart field 'file'" });
  }
  if (err.message === 'Unexpected end of form' || err.message?.startsWith('Malformed part header')) {
    // busboy's errors for a truncated or garbled body carry no status: they are the client's fault.
    return res.status(400).json({ error: 'malformed multipart body' });
  }
  console.error(err); // a bug: details for operators, nothing for the client
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
