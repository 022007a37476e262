// A site built from its source as a deploy of it would be, for tests that bring their own
// posts: quire-build's bundle and static files, the release app from dist/ (scripts/test makes
// it; its index.html is read back as the shell), then every page from quire-pages.
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../..", import.meta.url));

/// Builds `source` (a Quire site or a Hexo one) into `work`; returns the folder to serve.
export function buildSite(source, work) {
  const out = join(work, "out");
  execFileSync(join(repo, "target/native/quire-build"), ["--root", source, "--out", out], { stdio: "pipe" });
  const root = join(work, "site");
  const dist = join(repo, "dist");
  for (const name of readdirSync(dist)) {
    if (/\.(css|svg)$/.test(name) || /^app-/.test(name) || name === "index.html") {
      cpSync(join(dist, name), join(root, name), { recursive: true });
    }
  }
  cpSync(join(out, "data"), join(root, "data"), { recursive: true });
  cpSync(join(out, "static"), root, { recursive: true });
  execFileSync(join(repo, "target/native/quire-pages"), [root], { stdio: "pipe" });
  return root;
}
