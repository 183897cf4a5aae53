import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProjectFromConfig } from '../../../../bin/load-project';
import { parseProjectConfig } from '../../../../src/lib/engine/config/project-config';
import { runToEnd } from '../../../../src/lib/engine/search/optimal-search';
import { prepareSearch, searchProject } from '../../../../src/lib/engine/search/project-search';

const dir = path.resolve(process.cwd(), '../shared/datasets/arx/acs13');
const data = path.join(dir, 'ss13acs.csv');
const available = existsSync(data);
if (!available) console.warn(`skipping the heuristic search on acs13: ${data} is missing`);

describe.skipIf(!available)('heuristic search on acs13 (30 QIs)', () => {
	it('returns a 5-anonymous transformation within its budget and bounds its distance to the optimum', async () => {
		const header = readFileSync(data, 'utf8').split(/\r?\n/, 1)[0].split(';');
		const config = parseProjectConfig({
			tokumei: 1,
			data: { path: data, delimiter: ';' },
			attributes: Object.fromEntries(
				header.map((name) => [
					name,
					{ role: 'quasi-identifying', hierarchy: { path: path.join(dir, `ss13acs_hierarchy_${name}.csv`) } }
				])
			),
			privacy: [{ model: 'k-anonymity', k: 5 }],
			suppressionLimit: 0.05,
			quality: { measure: 'loss' },
			search: { timeLimitMs: 1500 }
		});
		const project = await loadProjectFromConfig(config, dir);
		const prepared = prepareSearch(project);
		expect(prepared.latticeSize).toBeGreaterThan(1e12);
		const result = runToEnd(searchProject(prepared, config));
		expect(result.levels).not.toBeNull();
		expect(result.minClassSize).toBeGreaterThanOrEqual(5);
		expect(result.suppressedRecords).toBeLessThanOrEqual(Math.floor(0.05 * project.table.rowCount));
		expect(result.optimal).toBe(false);
		const report = (result as { heuristic?: { unexploredLowerBound: number | null } }).heuristic;
		expect(report?.unexploredLowerBound).not.toBeNull();
		expect(report?.unexploredLowerBound as number).toBeLessThanOrEqual(result.informationLoss as number);
	}, 60_000);
});
