// A static file server for dist/, as a static host with an SPA fallback serves it:
// files as they are, and index.html for any path that is not a file.
// Usage: node serve.mjs DIST_DIR PORT [PUBLIC_URL]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
};

export function serve(root, port, publicUrl = "/") {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    if (!path.startsWith(publicUrl)) {
      response.writeHead(404).end("not found");
      return;
    }
    const relative = normalize(path.slice(publicUrl.length)).replace(/^(\.\.[/\\])+/, "");
    let file = join(root, relative);
    const isFile = await stat(file).then((s) => s.isFile(), () => false);
    if (!isFile) file = join(root, "index.html");
    try {
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(500).end();
    }
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root, port, publicUrl] = process.argv.slice(2);
  await serve(root, Number(port), publicUrl);
  console.log(`serving ${root} at http://127.0.0.1:${port}${publicUrl ?? "/"}`);
}
