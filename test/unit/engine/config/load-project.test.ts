import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../../bin/load-project';

function project(files: Record<string, string>): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'tokumei-load-'));
	for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
	return path.join(dir, 'project.json');
}

const data = 'age;sex;disease\n21;m;flu\n34;f;cold\n21;f;flu\n';
const config = {
	tokumei: 1,
	data: { path: 'data.csv', delimiter: ';' },
	attributes: {
		age: { role: 'quasi-identifying', hierarchy: { path: 'age.csv' } },
		sex: {
			role: 'quasi-identifying',
			hierarchy: {
				rows: [
					['m', '*'],
					['f', '*']
				]
			}
		},
		disease: { role: 'sensitive' }
	}
};

describe('loadProject', () => {
	it('reads data and hierarchies, QIs in data column order', async () => {
		const file = project({
			'project.json': JSON.stringify(config),
			'data.csv': data,
			'age.csv': '21;20-29;*\n34;30-39;*\n'
		});
		const loaded = await loadProject(file);
		expect(loaded.table.rowCount).toBe(3);
		expect(loaded.quasiIdentifiers.map((q) => q.name)).toEqual(['age', 'sex']);
		expect(loaded.quasiIdentifiers[0].hierarchy.height).toBe(3);
		expect(loaded.sensitive).toEqual(['disease']);
	});

	it('names a value missing from its hierarchy and the file', async () => {
		const file = project({
			'project.json': JSON.stringify(config),
			'data.csv': data,
			'age.csv': '21;20-29;*\n'
		});
		await expect(loadProject(file)).rejects.toThrow(/"34".*missing from the hierarchy ".*age\.csv"/);
		await expect(loadProject(file)).rejects.toMatchObject({ code: 'BAD_CONFIG' });
	});

	it('reports unknown columns and unreadable files as config errors', async () => {
		const missingColumn = project({
			'project.json': JSON.stringify({ ...config, attributes: { zip: { role: 'insensitive' } } }),
			'data.csv': data
		});
		await expect(loadProject(missingColumn)).rejects.toThrow(/attributes\.zip: no column "zip"/);
		const noData = project({ 'project.json': JSON.stringify(config) });
		await expect(loadProject(noData)).rejects.toThrow(/data\.path: cannot read/);
	});

	it('marks the research subset rows by content', async () => {
		const file = project({
			'project.json': JSON.stringify({
				...config,
				privacy: [{ model: 'delta-presence', deltaMin: 0, deltaMax: 0.5, subset: 'subset.csv' }]
			}),
			'data.csv': data,
			'age.csv': '21;20-29;*\n34;30-39;*\n',
			'subset.csv': 'age;sex;disease\n21;f;flu\n'
		});
		const loaded = await loadProject(file);
		expect(Array.from(loaded.researchSubset ?? [])).toEqual([0, 0, 1]);
	});

	it('builds hierarchies from builder specs and names a bad spec', async () => {
		const zipData = 'zip;disease\n1234567;flu\n1234599;cold\n';
		const withBuilder = project({
			'project.json': JSON.stringify({
				tokumei: 1,
				data: { path: 'data.csv', delimiter: ';' },
				attributes: { zip: { role: 'quasi-identifying', hierarchy: { builder: 'mask' } } }
			}),
			'data.csv': zipData
		});
		const loaded = await loadProject(withBuilder);
		const zip = loaded.quasiIdentifiers[0].hierarchy;
		expect(zip.height).toBeGreaterThan(2);
		expect(zip.levels[zip.height - 1]).toHaveLength(1);
		const bad = project({
			'project.json': JSON.stringify({
				tokumei: 1,
				data: { path: 'data.csv', delimiter: ';' },
				attributes: { zip: { role: 'quasi-identifying', hierarchy: { builder: 'mask', nope: 1 } } }
			}),
			'data.csv': zipData
		});
		await expect(loadProject(bad)).rejects.toMatchObject({ code: 'BAD_CONFIG' });
		await expect(loadProject(bad)).rejects.toThrow(/attributes\.zip\.hierarchy/);
	});
});
