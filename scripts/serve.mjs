// A dependency-free static server for the built app (used by `npm start` and the e2e tests).
// Usage: node scripts/serve.mjs <dir> <port>
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'build');
const port = Number(process.argv[3] ?? 4173);
const types = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.wasm': 'application/wasm',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.csv': 'text/csv; charset=utf-8',
	'.webmanifest': 'application/manifest+json',
	'.txt': 'text/plain; charset=utf-8'
};

async function existingFile(path) {
	try {
		return (await stat(path)).isFile() ? path : null;
	} catch {
		return null;
	}
}

createServer(async (req, res) => {
	const url = new URL(req.url ?? '/', 'http://localhost');
	const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
	const base = join(root, rel);
	if (!base.startsWith(root)) {
		res.writeHead(403).end();
		return;
	}
	const file =
		(await existingFile(base)) ??
		(await existingFile(join(base, 'index.html'))) ??
		(await existingFile(`${base}.html`)) ??
		join(root, '200.html');
	try {
		const body = await readFile(file);
		res.writeHead(200, {
			'content-type': types[extname(file)] ?? 'application/octet-stream',
			'cache-control': 'no-cache',
			'x-content-type-options': 'nosniff'
		});
		res.end(body);
	} catch {
		res.writeHead(404).end('not found');
	}
}).listen(port, '127.0.0.1', () => console.log(`Tokumei is served at http://127.0.0.1:${port}/`));
