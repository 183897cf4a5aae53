/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Cache-first service worker: the app shell, the data worker, sql.js's wasm and the sample files
// are cached at install, so a reload works with no network (STACK.md "Service worker").
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `tokumei-${version}`;
const ASSETS = [...build, ...files, ...prerendered];

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll(ASSETS))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('fetch', (event) => {
	if (event.request.method !== 'GET') return;
	const url = new URL(event.request.url);
	if (url.origin !== sw.location.origin) return;
	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			const hit = await cache.match(url.pathname);
			if (hit) return hit;
			try {
				return await fetch(event.request);
			} catch (error) {
				// Offline and not cached: navigations get the SPA fallback page, everything else fails.
				if (event.request.mode === 'navigate') {
					const fallback = (await cache.match('/200.html')) ?? (await cache.match('/'));
					if (fallback) return fallback;
				}
				throw error;
			}
		})()
	);
});
