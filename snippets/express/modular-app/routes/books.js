// The /books part of the API, as a Router that app.js mounts.
const express = require('express');

const router = express.Router();

const BOOKS = [
  { id: 1, title: 'Dune', author_id: 1 },
  { id: 2, title: 'The Left Hand of Darkness', author_id: 2 },
];

router.get('/', (req, res) => {
  res.json(BOOKS);
});

router.get('/:bookId', (req, res, next) => {
  if (!/^\d+$/.test(req.params.bookId)) return next();
  const book = BOOKS.find((b) => b.id === Number(req.params.bookId));
  if (!book) return res.status(404).json({ error: 'book not found' });
  res.json(book);
});

module.exports = { router, BOOKS };
