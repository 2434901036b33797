// Create authors and books.
exports.up = async (db) => {
  await db.schema
    .createTable('authors')
    .addColumn('id', 'integer', (column) => column.primaryKey())
    .addColumn('name', 'varchar(100)', (column) => column.notNull().unique())
    .execute();
  await db.schema
    .createTable('books')
    .addColumn('id', 'integer', (column) => column.primaryKey())
    .addColumn('title', 'varchar(200)', (column) => column.notNull())
    .addColumn('author_id', 'integer', (column) => column.notNull().references('authors.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('ix_books_author_id').on('books').column('author_id').execute();
};

exports.down = async (db) => {
  await db.schema.dropTable('books').execute();
  await db.schema.dropTable('authors').execute();
};
