import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `npm run bench:ui`: live risk refresh in headless Chromium (not part of `npm test`).
export default defineConfig({
	...base,
	testDir: 'bench',
	testMatch: process.env.BENCH_UI_FILE ?? 'ui.bench.ts',
	timeout: 20 * 60_000,
	reporter: 'list'
});
