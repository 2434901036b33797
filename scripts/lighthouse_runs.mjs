// Runs Lighthouse (npm, pinned in package.json) over a list of URLs in ONE system Chromium, one
// page at a time, and prints one JSON line per run: {url, formFactor, run, scores, metrics, failed}.
// Started by scripts/lighthouse_audit.py (`make audit`), which serves the site and prints the table.
//
// Usage: node scripts/lighthouse_runs.mjs <chromium> <runs> <form factors, comma-separated> <url>...

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const [chromium, runsArg, formFactorsArg, ...urls] = process.argv.slice(2);
const runs = Number(runsArg);
const formFactors = formFactorsArg.split(",");
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
                 "speed-index"];
const START_TIMEOUT_MS = 30_000;

// The flags of docs/toolchain notes: headless, no sandbox (root in containers), no background
// traffic (updates, sync, component downloads), and a throw-away profile.
function startChromium(profile) {
  const child = spawn(chromium, [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps", `--user-data-dir=${profile}`,
    "--remote-debugging-port=0", "about:blank",
  ], { stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${chromium} did not start in ${START_TIMEOUT_MS} ms`)),
                             START_TIMEOUT_MS);
    let seen = "";
    child.stderr.on("data", (chunk) => {
      seen += chunk;
      const match = seen.match(/DevTools listening on ws:\/\/[^:]+:(\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]) });
      }
    });
    child.on("exit", (code) => reject(new Error(`${chromium} exited (${code}) before it listened:\n${seen}`)));
  });
}

const profile = mkdtempSync(join(tmpdir(), "fvx-lighthouse-"));
const { child, port } = await startChromium(profile);
try {
  for (const url of urls) {
    for (const formFactor of formFactors) {
      for (let run = 1; run <= runs; run++) {
        const config = formFactor === "desktop" ? desktopConfig : undefined;  // default config: mobile
        const flags = { port, output: "json", logLevel: "error", onlyCategories: CATEGORIES };
        const result = await lighthouse(url, flags, config);
        const lhr = result.lhr;
        const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
        const metrics = Object.fromEntries(METRICS.map((m) => [m, lhr.audits[m]?.numericValue ?? null]));
        // Audits that cost points in accessibility, best practices or SEO, and the largest
        // performance opportunities, so a low score comes with its reasons.
        const failed = Object.values(lhr.audits)
          .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
          .map((a) => a.id);
        console.log(JSON.stringify({ url, formFactor, run, scores, metrics, failed,
                                     runtimeError: lhr.runtimeError?.message ?? null }));
      }
    }
  }
} finally {
  // Chromium writes to its profile until it has exited; remove the profile only then.
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill();
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  rmSync(profile, { recursive: true, force: true });
}
