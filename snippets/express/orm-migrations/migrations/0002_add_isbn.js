// Add an optional, unique ISBN to books.
exports.up = async (db) => {
  // Nullable: existing rows have no ISBN. A unique index, not a constraint, so it can be added
  // to a table that already has rows.
  await db.schema.alterTable('books').addColumn('isbn', 'varchar(13)').execute();
  await db.schema.createIndex('books_isbn_unique').on('books').column('isbn').unique().execute();
};

exports.down = async (db) => {
  await db.schema.dropIndex('books_isbn_unique').execute();
  await db.schema.alterTable('books').dropColumn('isbn').execute(); // SQLite 3.35+ drops columns in place
};
