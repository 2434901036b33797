// The database: Kysely over Node's built-in SQLite (node:sqlite), so nothing is downloaded or
// compiled at install time. Kysely is a typed SQL query builder with migrations rather than a
// full ORM (no identity map or lazy relationships): queries say which tables they join.
const fs = require('node:fs/promises');
const path = require('node:path');
const { DatabaseSync } = require('node:sqlite');
const { Kysely, SqliteDialect } = require('kysely');
const { FileMigrationProvider, Migrator } = require('kysely/migration');

// Kysely's SQLite dialect expects better-sqlite3's interface; node:sqlite differs in two small
// ways (spread parameters, no `reader` flag), which this adapter bridges.
function nodeSqlite(filename) {
  const db = new DatabaseSync(filename);
  db.exec('PRAGMA foreign_keys = ON'); // SQLite ignores REFERENCES unless each connection turns the check on
  return {
    close: () => db.close(),
    prepare(sql) {
      const statement = db.prepare(sql);
      return {
        reader: statement.columns().length > 0, // the statement returns rows
        all: (parameters) => statement.all(...parameters),
        run: (parameters) => statement.run(...parameters),
        iterate: (parameters) => statement.iterate(...parameters),
      };
    },
  };
}

function openDatabase(filename = process.env.DATABASE_PATH ?? 'library.sqlite3') {
  return new Kysely({ dialect: new SqliteDialect({ database: nodeSqlite(filename) }) });
}

function migratorFor(db) {
  // Runs the files in migrations/ in name order and records each in the kysely_migration table.
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: path.join(__dirname, 'migrations') }),
  });
}

// The names of migrations not yet applied to this database.
async function pendingMigrations(db) {
  const migrations = await migratorFor(db).getMigrations();
  return migrations.filter((migration) => !migration.executedAt).map((migration) => migration.name);
}

module.exports = { openDatabase, migratorFor, pendingMigrations };
