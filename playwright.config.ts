import { defineConfig } from '@playwright/test';

export const chromiumLaunch = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	// launch() already uses a fresh temporary profile; these flags keep Chromium off the network.
	args: [
		'--headless',
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync'
	]
};

export default defineConfig({
	testDir: 'test/e2e',
	testMatch: '**/*.spec.ts',
	timeout: 120_000,
	workers: 1,
	reporter: 'list',
	use: {
		baseURL: 'http://127.0.0.1:4173',
		browserName: 'chromium',
		viewport: { width: 1280, height: 800 },
		// Japanese browser by default: the app must pick Japanese from the browser's preference.
		locale: 'ja-JP',
		launchOptions: chromiumLaunch
	},
	webServer: {
		command: 'node scripts/serve.mjs build 4173',
		url: 'http://127.0.0.1:4173/',
		reuseExistingServer: false
	}
});
