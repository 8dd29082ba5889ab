// A minimal static file server for the built site (dist/), on the loopback interface, for browser tests.
// It serves Framework's clean URLs (/cohort → cohort.html) the way common static hosts do.
import {createServer, type Server} from "node:http";
import {readFile, stat} from "node:fs/promises";
import {extname, join, normalize} from "node:path";
import type {AddressInfo} from "node:net";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 at a free port. `extra` maps URL paths to HTML bodies served as-is (test pages). */
export async function serveStatic(dir: string, extra: Record<string, string> = {}): Promise<StaticServer> {
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname in extra) {
      res.writeHead(200, {"content-type": types[".html"]}).end(extra[url.pathname]);
      return;
    }
    let path = normalize(decodeURIComponent(url.pathname));
    if (path.includes("..")) return void res.writeHead(400).end();
    if (path.endsWith("/")) path += "index";
    const candidates = extname(path) ? [path] : [`${path}.html`, path];
    for (const candidate of candidates) {
      const file = join(dir, candidate);
      try {
        if (!(await stat(file)).isFile()) continue;
        const body = await readFile(file);
        res.writeHead(200, {"content-type": types[extname(file)] ?? "application/octet-stream"}).end(body);
        return;
      } catch {
        // try the next candidate
      }
    }
    res.writeHead(404, {"content-type": "text/plain"}).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const {port} = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
