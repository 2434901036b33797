// Starts the app: `node snippets/express/typescript-app/server.mts` (Node 26 runs TypeScript).
import { app } from './app.mts';

const port = Number(process.env.PORT) || 3000;
const host = process.env.HOST || '127.0.0.1';
app.listen(port, host, (error?: Error) => {
  // Express 5 hands listen errors (port in use, no permission) to this callback.
  if (error) {
    console.error(`cannot listen on ${host}:${port}: ${(error as NodeJS.ErrnoException).code ?? error.message}`);
    process.exit(1);
  }
  console.log(`Listening on http://${host}:${port}`);
});
