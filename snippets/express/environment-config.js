// Configuration from environment variables: read once at start-up, validated, typed.
// A bad value stops the app at start-up with a message naming the variable, instead of
// failing later on the first request that uses it.
const http = require('node:http');
const express = require('express');

class ConfigError extends Error {}

function loadConfig(env) {
  const secretKey = env.SECRET_KEY ?? '';
  if (secretKey.length < 16) throw new ConfigError('SECRET_KEY must be set to at least 16 characters');
  const perPageText = env.ITEMS_PER_PAGE ?? '20';
  if (!/^[0-9]+$/.test(perPageText) || Number(perPageText) < 1 || Number(perPageText) > 100) {
    throw new ConfigError(`ITEMS_PER_PAGE must be a whole number from 1 to 100, got '${perPageText}'`);
  }
  const maintenanceText = (env.MAINTENANCE_MODE ?? 'false').toLowerCase();
  if (!['true', 'false', '1', '0'].includes(maintenanceText)) {
    throw new ConfigError(`MAINTENANCE_MODE must be true or false, got '${maintenanceText}'`);
  }
  return {
    secretKey,
    appName: env.APP_NAME ?? 'Cookbook',
    itemsPerPage: Number(perPageText),
    maintenanceMode: ['true', '1'].includes(maintenanceText),
  };
}

function createApp(env = process.env) {
  const config = loadConfig(env);
  const app = express();
  app.disable('x-powered-by');
  app.get('/config', (req, res) => {
    // Report what the app is using, but never the secret itself.
    res.json({
      app_name: config.appName,
      items_per_page: config.itemsPerPage,
      maintenance_mode: config.maintenanceMode,
      secret_key_set: Boolean(config.secretKey),
    });
  });
  // No route matched: a JSON 404 instead of Express's HTML "Cannot GET" page.
  app.use((req, res) => {
    res.status(404).json({ error: 'not found' });
  });

  // The final error handler (four arguments). Errors with a 4xx status (e.g. from a body parser)
  // get that status and its standard short reason; anything else is a bug: log it for operators,
  // tell the client nothing. Express's default handler would send the stack trace unless
  // NODE_ENV is "production", so never rely on it.
  app.use((err, req, res, next) => {
    if (res.headersSent) return next(err);
    const status = Number(err.status ?? err.statusCode);
    if (status >= 400 && status < 500) {
      return res.status(status).json({ error: http.STATUS_CODES[status]?.toLowerCase() ?? 'bad request' });
    }
    console.error(err);
    res.status(500).json({ error: 'internal server error' });
  });
  return app;
}

// Exported so tests can try other environments without starting a new process.
module.exports = { createApp, loadConfig, ConfigError };

if (require.main === module) {
  let app;
  try {
    app = createApp(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // A sentence for the operator, not a stack trace; the non-zero exit stops a deploy.
    console.error(`configuration error: ${error.message}`);
    process.exit(1);
  }
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
