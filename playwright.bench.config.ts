import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `npm run bench`: the end-to-end import benchmark in headless Chromium (not part of `npm test`).
export default defineConfig({
	...base,
	testDir: 'bench',
	testMatch: 'import.bench.ts',
	timeout: 15 * 60_000,
	reporter: 'list'
});
