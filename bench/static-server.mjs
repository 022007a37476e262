// A static server for the benchmarks: files under a folder, gzipped (when asked) as a host
// like Netlify or Cloudflare compresses them: HTML, CSS, JS, JSON, SVG and wasm, not other
// files (`.bin` parts are gzip inside). `onSent(path, bytes)` hears of every body sent.
import { readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
  ".svg": "image/svg+xml", ".wasm": "application/wasm", ".xml": "application/xml",
  ".bin": "application/octet-stream",
};
const COMPRESSED = new Set([".html", ".css", ".js", ".json", ".svg", ".wasm", ".xml"]);

export function staticServer(root, { gzip = true, onSent = () => {} } = {}) {
  const server = createServer((request, response) => {
    let path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    if (path.endsWith("/")) path += "index.html";
    const file = join(root, normalize(path));
    let body;
    try {
      if (!statSync(file).isFile()) throw new Error("not a file");
      body = readFileSync(file);
    } catch {
      response.writeHead(404).end();
      return;
    }
    const ext = extname(file);
    const headers = { "Content-Type": TYPES[ext] ?? "application/octet-stream" };
    if (gzip && COMPRESSED.has(ext) && /gzip/.test(request.headers["accept-encoding"] ?? "")) {
      body = gzipSync(body, { level: 6 });
      headers["Content-Encoding"] = "gzip";
    }
    onSent(path, body.length);
    response.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

