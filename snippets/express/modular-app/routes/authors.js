// The /authors part of the API, as a Router that app.js mounts.
const express = require('express');
const { BOOKS } = require('./books');

const router = express.Router();

const AUTHORS = [
  { id: 1, name: 'Frank Herbert' },
  { id: 2, name: 'Ursula K. Le Guin' },
];

router.get('/', (req, res) => {
  res.json(AUTHORS);
});

router.get('/:authorId/books', (req, res, next) => {
  if (!/^\d+$/.test(req.params.authorId)) return next();
  const authorId = Number(req.params.authorId);
  if (!AUTHORS.some((a) => a.id === authorId)) return res.status(404).json({ error: 'author not found' });
  res.json(BOOKS.filter((book) => book.author_id === authorId));
});

module.exports = { router };
