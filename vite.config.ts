import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	worker: { format: 'es' },
	// SvelteKit narrows the dev server's allow list to src/; the workers live in a top-level folder.
	server: { fs: { allow: ['workers'] } },
	test: {
		include: ['test/unit/**/*.test.ts'],
		globalSetup: ['test/unit/global-setup.ts'],
		environment: 'node',
		testTimeout: 120_000,
		hookTimeout: 120_000,
		env: { TZ: 'UTC' }
	}
});
