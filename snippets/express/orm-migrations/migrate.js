// Apply the migrations: `node snippets/express/orm-migrations/migrate.js` brings the database
// (DATABASE_PATH) to the newest revision; `... migrate.js down` undoes the last one.
const { openDatabase, migratorFor } = require('./database');

async function main(direction) {
  const db = openDatabase();
  try {
    const migrator = migratorFor(db);
    const { error, results } = direction === 'down' ? await migrator.migrateDown() : await migrator.migrateToLatest();
    for (const result of results ?? []) console.log(`${result.direction} ${result.migrationName}: ${result.status}`);
    if (error) {
      console.error(`migration failed: ${error.message}`);
      process.exitCode = 1;
    } else if ((results ?? []).length === 0) {
      console.log('nothing to do');
    }
  } finally {
    await db.destroy();
  }
}

if (require.main === module) main(process.argv[2]);

module.exports = { main };
