// Entry point for tools that start a .js file, such as this cookbook's contract harness. The app
// itself is TypeScript (typescript-app/app.mts); Node 26 strips its types while loading it, so
// there is nothing to compile. Run it directly with: node snippets/express/typescript-app/server.mts
require('./typescript-app/server.mts');
