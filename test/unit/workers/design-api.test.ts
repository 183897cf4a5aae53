import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHierarchyRows } from '$lib/engine/hierarchy/builders';
import { generalizeColumn, hierarchyFromRows } from '$lib/engine/hierarchy/hierarchy';
import { encodeCsvText } from '$lib/engine/table/csv';
import type { Project } from '$lib/workbench/types';
import { parseProjectConfig } from '$lib/engine/config/project-config';
import { runToEnd } from '$lib/engine/search/optimal-search';
import { prepareSearch, searchProject } from '$lib/engine/search/project-search';
import { loadProjectFromConfig } from '../../../bin/load-project';
import { createDesignApi } from '../../../workers/design-api';

const samplePath = path.resolve(process.cwd(), 'static/sample/tokumei-sample-utf8.csv');
if (!existsSync(samplePath)) console.warn('design-api test skipped: no sample (npm run sample)');

describe.skipIf(!existsSync(samplePath))('rule-design worker API on the sample', () => {
	const table = encodeCsvText(readFileSync(samplePath, 'utf8').replace(/^\ufeff/, ''));
	const api = createDesignApi(() => table);
	const project = (levels: Record<string, number>, k = 5): Project => ({
		tokumei: 1,
		data: { path: 'sample.csv' },
		attributes: {
			性別: { role: 'quasi-identifying', hierarchy: { builder: 'sex' } },
			生年月日: {
				role: 'quasi-identifying',
				hierarchy: { builder: 'date', levels: ['month', 'year', 'years'] }
			},
			都道府県: { role: 'quasi-identifying', hierarchy: { builder: 'prefecture' } }
		},
		privacy: [{ model: 'k-anonymity', k }],
		suppressionLimit: 0,
		transformation: levels,
		settings: {}
	});

	/** Class sizes counted independently: generalize each column and count tuples. */
	function classSizes(levels: Record<string, number>, p: Project): number[] {
		const cols = Object.entries(p.attributes).map(([name, a]) => {
			const column = table.columns.find((c) => c.name === name)!;
			const h = hierarchyFromRows(name, buildHierarchyRows(column.values, a.hierarchy));
			return generalizeColumn(column, h, levels[name]);
		});
		const counts = new Map<string, number>();
		for (let r = 0; r < table.rowCount; r++) {
			const key = cols.map((c) => c.codes[r]).join(',');
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
		return [...counts.values()];
	}

	it('proposes identifying roles for names and IDs with reasons', () => {
		const proposals = api.proposeRoles('t');
		const byName = Object.fromEntries(proposals.map((p) => [p.name, p.proposal]));
		expect(byName['氏名'].role).toBe('identifying');
		expect(byName['生年月日'].role).toBe('quasi-identifying');
		expect(byName['生年月日'].reason).toBe('birth-date');
	});

	it('live risk equals independently counted class sizes', () => {
		for (const levels of [
			{ 性別: 0, 生年月日: 1, 都道府県: 0 },
			{ 性別: 0, 生年月日: 2, 都道府県: 1 }
		]) {
			const p = project(levels);
			const f = api.liveRisk('t', p, 7);
			const sizes = classSizes(levels, p);
			const min = Math.min(...sizes);
			expect(f.seq).toBe(7);
			expect(f.kReached).toBe(min);
			expect(f.classes).toBe(sizes.length);
			expect(f.sampleUniques).toBe(sizes.filter((s) => s === 1).length);
			expect(f.recordsAtRisk).toBe(sizes.filter((s) => s < 5).reduce((a, b) => a + b, 0));
			expect(f.highestRisk).toBeCloseTo(1 / min, 12);
			expect(f.averageRisk).toBeCloseTo(sizes.length / table.rowCount, 12);
		}
	});

	it('previews a rule level by level with counts', () => {
		const preview = api.previewHierarchy('t', project({}), '生年月日');
		expect(preview.height).toBe(5);
		expect(preview.levels[0].groups).toBe(
			new Set(table.columns.find((c) => c.name === '生年月日')!.values).size
		);
		const total = preview.levels[2].top.reduce((a, b) => a + b.count, 0);
		expect(total).toBeLessThanOrEqual(table.rowCount);
		expect(preview.values[0].path).toHaveLength(4);
	});

	it('searches to an anonymous optimum and can be cancelled', async () => {
		const p = { ...project({}), suppressionLimit: 0.05 };
		const outcome = await api.search('s1', 't', p);
		expect(outcome.transformation).not.toBeNull();
		const f = api.liveRisk('t', { ...p, transformation: outcome.transformation! }, 1);
		expect(f.verdict).toBe('met');
		expect(f.suppressed).toBe(outcome.suppressedRecords);
		const run = api.search('s2', 't', { ...p, privacy: [{ model: 'k-anonymity', k: 11 }] });
		api.cancelSearch('s2');
		await expect(run).rejects.toMatchObject({ code: 'ABORTED' });
	});

	it('compares before and after and finds who shares a record', () => {
		const p = project({ 性別: 0, 生年月日: 2, 都道府県: 1 });
		const c = api.compare('t', p);
		expect(c.changedRows).toBe(table.rowCount);
		const tour = api.shareOf('t', p, 0);
		const sizes = classSizes(p.transformation!, p);
		expect(sizes).toContain(tour.sharing);
	});

	it('saves a project file the CLI loader runs to the same optimum', async () => {
		const p = { ...project({}), suppressionLimit: 0.05 };
		const file = api.projectFile('t', p, 'tokumei-sample-utf8.csv');
		const loaded = await loadProjectFromConfig(
			parseProjectConfig(JSON.parse(JSON.stringify(file))),
			path.dirname(samplePath)
		);
		const result = runToEnd(searchProject(prepareSearch(loaded), loaded.config));
		const outcome = await api.search('s3', 't', p);
		expect(Object.fromEntries(loaded.quasiIdentifiers.map((q, i) => [q.name, result.levels![i]]))).toEqual(
			outcome.transformation
		);
		expect(result.suppressedRecords).toBe(outcome.suppressedRecords);
	});

	it('reports the share of records unique on each attribute and pair under the rules', () => {
		const p = project({ 性別: 0, 生年月日: 1, 都道府県: 0 });
		const shares = api.uniqueness('t', p);
		const single = shares.find((r) => r.attributes.length === 1 && r.attributes[0] === '生年月日')!;
		const pair = shares.find((r) => r.attributes.join() === '性別,生年月日')!;
		const unique = (levels: Record<string, number>) => {
			const sizes = classSizes(levels, {
				...p,
				attributes: Object.fromEntries(Object.entries(p.attributes).filter(([n]) => n in levels))
			});
			return sizes.filter((s) => s === 1).length / table.rowCount;
		};
		expect(single.uniqueShare).toBeCloseTo(unique({ 生年月日: 1 }), 12);
		expect(pair.uniqueShare).toBeCloseTo(unique({ 性別: 0, 生年月日: 1 }), 12);
	});
});
