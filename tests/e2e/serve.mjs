// A static file server for dist/, as a static host with a fallback serves it: files as they
// are (a folder's index.html for a folder), and the fallback file for any other path, with
// status 200 for index.html (a single-page-app rewrite) or 404 otherwise (GitHub Pages' 404.html).
// Usage: node serve.mjs DIST_DIR PORT [PUBLIC_URL] [FALLBACK]
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

export function serve(root, port, publicUrl = "/", fallback = "index.html") {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    if (!path.startsWith(publicUrl)) {
      response.writeHead(404).end("not found");
      return;
    }
    const relative = normalize(path.slice(publicUrl.length)).replace(/^(\.\.[/\\])+/, "");
    let file = join(root, relative);
    if (path.endsWith("/")) file = join(file, "index.html");
    const isFile = await stat(file).then((s) => s.isFile(), () => false);
    let status = 200;
    if (!isFile) {
      file = join(root, fallback);
      if (fallback !== "index.html") status = 404;
    }
    try {
      const body = await readFile(file);
      response.writeHead(status, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(500).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(port, "127.0.0.1", () => {
      server.port = server.address().port;
      resolve(server);
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root, port, publicUrl, fallback] = process.argv.slice(2);
  await serve(root, Number(port), publicUrl, fallback);
  console.log(`serving ${root} at http://127.0.0.1:${port}${publicUrl ?? "/"}`);
}
