// Real Chromium through chromedriver (Debian's packages), and helpers to read pages.
import { Builder, By, until } from "selenium-webdriver";
import chrome from "selenium-webdriver/chrome.js";
import { serve } from "./serve.mjs";

export const TIMEOUT = 15_000;

async function startBrowser() {
  process.env.SE_OFFLINE = "true"; // never let Selenium Manager try to download a browser
  const options = new chrome.Options()
    .setChromeBinaryPath(process.env.CHROME_PATH ?? "/usr/bin/chromium")
    .addArguments(
      "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--disable-background-networking", "--disable-component-update", "--no-first-run",
      "--window-size=1200,900",
    )
    .setLoggingPrefs({ browser: "ALL" });
  const service = new chrome.ServiceBuilder(process.env.CHROMEDRIVER ?? "/usr/bin/chromedriver");
  return new Builder().forBrowser("chrome").setChromeOptions(options).setChromeService(service).build();
}

/// Serves `dist` under `publicUrl` on a free port and opens Chromium: `{ base, driver, close }`.
export async function openSite(dist, publicUrl = "/") {
  const server = await serve(dist, 0, publicUrl);
  const base = `http://127.0.0.1:${server.address().port}`;
  const driver = await startBrowser();
  const close = async () => {
    await driver.quit();
    server.close();
  };
  return { base, driver, close, server };
}

export async function textOf(driver, selector) {
  const element = await driver.wait(until.elementLocated(By.css(selector)), TIMEOUT);
  return element.getText();
}

export async function waitForText(driver, selector, text) {
  await driver.wait(async () => {
    for (const element of await driver.findElements(By.css(selector))) {
      if ((await element.getText()).includes(text)) return true;
    }
    return false;
  }, TIMEOUT, `waiting for ${selector} to contain ${JSON.stringify(text)}`);
}

/// The current path and query, percent-decoded.
export async function currentPath(driver) {
  const url = new URL(await driver.getCurrentUrl());
  return decodeURIComponent(url.pathname) + url.search;
}

/// Console errors since the last call.
export async function consoleErrors(driver) {
  const entries = await driver.manage().logs().get("browser");
  return entries.filter((entry) => entry.level.name === "SEVERE").map((entry) => entry.message);
}
