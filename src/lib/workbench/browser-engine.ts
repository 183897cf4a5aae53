// sql.js's "browser" export condition loads sql-wasm-browser.wasm. The URL is imported here, on the
// page, so the wasm lands in the build list the service worker caches (STACK.md gotcha 6).
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { EngineClient, type EngineClientOptions } from './engine-client';

/** The data engine in a module worker of this page. Call only in the browser (not during prerender). */
export function createBrowserEngine(
	options: Pick<EngineClientOptions, 'onRestart' | 'onFatal'>
): EngineClient {
	return new EngineClient({
		...options,
		wasmUrl: new URL(wasmUrl, location.href).href,
		createWorker: () =>
			new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), {
				type: 'module',
				name: 'tokumei-engine'
			})
	});
}
