import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADULT_ATTRIBUTES, ADULT_AVAILABLE, ADULT_DIR, adultQuasiIdentifiers } from './cli-fixtures';
import { tempDirs } from './temp-dirs';

const adultDir = ADULT_DIR;
const available = ADULT_AVAILABLE;
if (!available) console.warn(`skipping the search CLI test on adult: ${adultDir} is missing`);

const tempDir = tempDirs('tokumei-search-');

function writeConfig(config: object): string {
	const dir = tempDir();
	const file = path.join(dir, 'project.json');
	writeFileSync(file, JSON.stringify(config));
	return file;
}

function search(configPath: string) {
	return spawnSync(process.execPath, ['bin/tokumei.mjs', 'search', configPath], { encoding: 'utf8' });
}

describe('tokumei search', () => {
	beforeAll(() => {
		execFileSync(process.execPath, ['scripts/build-cli.mjs']);
	}, 60_000);

	it.skipIf(!available)(
		'finds the optimal 5-anonymous transformation of adult (Loss, no suppression)',
		() => {
			const config = writeConfig({
				tokumei: 1,
				data: { path: path.join(adultDir, 'adult.csv'), delimiter: ';' },
				attributes: adultQuasiIdentifiers(),
				privacy: [{ model: 'k-anonymity', k: 5 }],
				suppressionLimit: 0,
				quality: { measure: 'loss' }
			});
			const run = search(config);
			expect(run.status, run.stderr).toBe(0);
			const out = JSON.parse(run.stdout);
			expect(Object.keys(out)).toEqual(
				expect.arrayContaining([
					'transformation',
					'levels',
					'informationLoss',
					'suppressedRecords',
					'equivalenceClasses',
					'minClassSize',
					'checkedTransformations',
					'latticeSize',
					'optimal',
					'elapsedMs'
				])
			);
			expect(out.latticeSize).toBe(12960);
			expect(out.optimal).toBe(true);
			expect(out.suppressedRecords).toBe(0);
			expect(out.minClassSize).toBeGreaterThanOrEqual(5);
			expect(out.levels).toEqual(ADULT_ATTRIBUTES.map((a) => out.transformation[a]));
			expect(out.levels).toHaveLength(9);
			expect(typeof out.informationLoss).toBe('number');
		},
		60_000
	);

	it('reports a bad config on stderr with exit code 2', () => {
		const run = search(
			writeConfig({ tokumei: 1, data: { path: 'x.csv' }, attributes: { a: { role: 'nope' } } })
		);
		expect(run.status).toBe(2);
		expect(run.stderr).toMatch(/attributes\.a\.role/);
		expect(run.stdout).toBe('');
	});
});
