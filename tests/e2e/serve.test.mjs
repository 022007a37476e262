// End-to-end: the author's loop (`quire-serve`, which scripts/serve runs). A post saved
// is on the open page without a reload by hand; a post that does not build shows its
// `path:line: message` over the last good page, which stays readable, and the list goes away
// once the post is fixed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as browser from "./browser.mjs";

const repo = fileURLToPath(new URL("../..", import.meta.url));
let work;
let server;
let base;

const post = (date, body) => `---\ntitle: Draft day\ndate: ${date}\n---\n${body}\n`;

before(async () => {
  work = mkdtempSync(join(tmpdir(), "quire-serve-"));
  const source = join(work, "source");
  mkdirSync(join(source, "content/posts"), { recursive: true });
  writeFileSync(join(source, "site.toml"), 'title = "Loop"\n');
  writeFileSync(join(source, "content/posts/day.md"), post("2024-05-01", "First words."));
  // The release app and its shell, as scripts/test built them: the loop builds the site.
  const site = join(work, "site");
  const dist = join(repo, "dist");
  for (const name of readdirSync(dist)) {
    if (/\.(css|svg)$/.test(name) || /^app-/.test(name) || name === "index.html") {
      cpSync(join(dist, name), join(site, name), { recursive: true });
    }
  }
  server = spawn(join(repo, "target/native/quire-serve"), ["--root", source, "--dist", site, "--port", "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  base = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const found = out.match(/serving .* at (http:\/\/[^/\s]+)\//);
      if (found) resolve(found[1]);
    });
    server.on("exit", (code) => reject(new Error(`the serve loop ended (${code}) before serving`)));
  });
});

after(() => {
  server?.kill();
  if (work) rmSync(work, { recursive: true, force: true });
  // The loop's own output, named by its port.
  if (base) rmSync(join(repo, "target/serve", new URL(base).port), { recursive: true, force: true });
});

test("a saved post is on the open page; a broken one shows its problems over the last good page until fixed", async () => {
  const driver = await browser.startBrowser();
  try {
    const file = join(work, "source/content/posts/day.md");
    await driver.get(`${base}/posts/day/`);
    await browser.waitForText(driver, ".post-body", "First words.");
    // The page reloads by itself with the saved post.
    writeFileSync(file, post("2024-05-01", "Second words."));
    await browser.waitForText(driver, ".post-body", "Second words.");
    assert.equal(await driver.executeScript("return document.getElementById('quire-problems')"), null);

    writeFileSync(file, post("the first of May", "Third words."));
    await browser.waitForText(driver, "#quire-problems", "content/posts/day.md:3:");
    assert.match(await browser.textOf(driver, "#quire-problems"), /`date` is not a date/);
    // The last good page stays under it.
    assert.match(await browser.textOf(driver, ".post-body"), /Second words\./);
    // A page opened now shows the problems too.
    await driver.get(`${base}/`);
    await browser.waitForText(driver, "#quire-problems", "content/posts/day.md:3:");

    // Fixed: the page reloads by itself, without the problems.
    writeFileSync(file, post("2024-05-01", "Fourth words."));
    await driver.wait(
      () => driver.executeScript("return !document.getElementById('quire-problems') && !!document.querySelector('.post-cards')"),
      browser.TIMEOUT,
      "waiting for the problems to go",
    );
    await driver.get(`${base}/posts/day/`);
    await browser.waitForText(driver, ".post-body", "Fourth words.");
  } finally {
    await driver.quit();
  }
});
