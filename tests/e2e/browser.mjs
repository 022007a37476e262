// Real Chromium through chromedriver (Debian's packages), and helpers to read pages.
import { Builder, By, until } from "selenium-webdriver";
import chrome from "selenium-webdriver/chrome.js";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "./serve.mjs";

export const TIMEOUT = 15_000;

/// Chromium, headless, driven by chromedriver (`args` added to its command line).
export async function startBrowser(args = []) {
  process.env.SE_OFFLINE = "true"; // never let Selenium Manager try to download a browser
  const options = new chrome.Options()
    .setChromeBinaryPath(process.env.CHROME_PATH ?? "/usr/bin/chromium")
    .addArguments(
      "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--disable-background-networking", "--disable-component-update", "--no-first-run",
      "--window-size=1200,900",
      ...args,
    )
    .setLoggingPrefs({ browser: "ALL" });
  const service = new chrome.ServiceBuilder(process.env.CHROMEDRIVER ?? "/usr/bin/chromedriver");
  return new Builder().forBrowser("chrome").setChromeOptions(options).setChromeService(service).build();
}

/// Serves `dist` under `publicUrl` on a free port and opens Chromium: `{ base, driver, close }`.
/// By default the server is `python3 -m http.server`, a plain static server with no fallback
/// rule: every URL must be a file. `fallback` instead names the file a host answers with for
/// any other URL (`index.html` for a single-page-app rewrite, `404.html` as GitHub Pages does).
export async function openSite(dist, publicUrl = "/", { fallback, args = [] } = {}) {
  const server = fallback ? await serve(dist, 0, publicUrl, fallback) : await staticServer(dist, publicUrl);
  const base = `http://127.0.0.1:${server.port}`;
  const driver = await startBrowser(args);
  const close = async () => {
    await driver.quit();
    server.close();
  };
  return { base, driver, close, server };
}

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/// `python3 -m http.server` over `dist`, mounted at `publicUrl` through a symlink.
async function staticServer(dist, publicUrl) {
  let root = dist;
  let scratch;
  if (publicUrl !== "/") {
    scratch = mkdtempSync(join(tmpdir(), "quire-e2e-"));
    symlinkSync(dist, join(scratch, publicUrl.replace(/^\/|\/$/g, "")));
    root = scratch;
  }
  const port = await freePort();
  const python = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", root], {
    stdio: "ignore",
  });
  const started = Date.now();
  while (!(await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false))) {
    if (Date.now() - started > TIMEOUT) throw new Error("python3 -m http.server did not start");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    close() {
      python.kill();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    },
  };
}

export async function textOf(driver, selector) {
  const element = await driver.wait(until.elementLocated(By.css(selector)), TIMEOUT);
  return element.getText();
}

/// Looks in one script, not element by element: the app may replace an element between
/// finding it and reading it (a fallback page being mounted over), which WebDriver reports
/// as a stale element.
export async function waitForText(driver, selector, text) {
  await driver.wait(
    () =>
      driver.executeScript(
        "return [...document.querySelectorAll(arguments[0])].some((e) => e.innerText.includes(arguments[1]))",
        selector,
        text,
      ),
    TIMEOUT,
    `waiting for ${selector} to contain ${JSON.stringify(text)}`,
  );
}

/// The current path and query, percent-decoded.
export async function currentPath(driver) {
  const url = new URL(await driver.getCurrentUrl());
  return decodeURIComponent(url.pathname) + url.search;
}

/// Waits until the app has taken over the page; returns how: "hydrated" (the page was
/// rendered for this URL) or "mounted" (a host's fallback page, replaced).
export async function appStarted(driver) {
  await driver.wait(
    async () => (await driver.executeScript("return document.documentElement.dataset.app")) != null,
    TIMEOUT,
    "waiting for the app to start",
  );
  return driver.executeScript("return document.documentElement.dataset.app");
}

/// Console errors since the last call.
export async function consoleErrors(driver) {
  const entries = await driver.manage().logs().get("browser");
  return entries.filter((entry) => entry.level.name === "SEVERE").map((entry) => entry.message);
}
