// Ranks queries exactly as the site's search does: runs Material's own search worker script
// (Lunr and Material's query handling, from the built site) in a Node VM with the built
// search_index.json, and prints, for each query, the pages of its results in rank order.
//
// Usage: node tests/search/rank.mjs <site dir> <query>...   -> JSON: {query: [page location, ...]}

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";

const [site, ...queries] = process.argv.slice(2);
const workers = join(site, "assets/javascripts/workers");
const workerFile = readdirSync(workers).find((name) => /^search\.[0-9a-f]+\.min\.js$/.test(name));
const index = JSON.parse(readFileSync(join(site, "search/search_index.json"), "utf8"));

// The worker's world: it listens for messages and posts answers; nothing else is needed for English.
const listeners = [];
let answer = null;
const sandbox = {
  console, setTimeout, clearTimeout, Promise,
  addEventListener: (type, listener) => listeners.push(listener),
  postMessage: (message) => { answer = message; },
};
sandbox.self = sandbox;
vm.createContext(sandbox);
vm.runInContext(readFileSync(join(workers, workerFile), "utf8"), sandbox);

async function send(message) {
  answer = null;
  for (const listener of listeners) await listener({ data: message });
  return answer;
}

const SETUP = 0, QUERY = 2;  // Material's SearchMessageType
await send({ type: SETUP, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
const ranked = {};
for (const query of queries) {
  const result = await send({ type: QUERY, data: query });
  // Each item is one page's group of matching sections, best page first (as the dialog lists them).
  ranked[query] = result.data.items.map((group) => group[0].location);
}
console.log(JSON.stringify(ranked));
