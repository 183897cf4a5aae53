import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/**
 * A maker of temp dirs (`<tmp>/<prefix>XXXXXX`) that the calling test file removes after its tests.
 * Call it at the top level of the test file, so the afterAll hook belongs to that file.
 */
export function tempDirs(prefix: string): () => string {
	const dirs: string[] = [];
	afterAll(() => {
		for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
	});
	return () => {
		const dir = mkdtempSync(path.join(tmpdir(), prefix));
		dirs.push(dir);
		return dir;
	};
}
