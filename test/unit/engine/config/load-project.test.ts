import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Encoding from 'encoding-japanese';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../../bin/load-project';
import { prepareSearch, searchProject } from '../../../../src/lib/engine/search/project-search';
import { runToEnd } from '../../../../src/lib/engine/search/optimal-search';
import { tempDirs } from '../../cli/temp-dirs';

const tempDir = tempDirs('tokumei-load-');

function project(files: Record<string, string | Uint8Array>): string {
	const dir = tempDir();
	for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
	return path.join(dir, 'project.json');
}

/** Text as Shift_JIS bytes, made by encoding-japanese (independent of the engine's decoder). */
export function shiftJis(text: string): Uint8Array {
	return Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
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

	it('gives a quasi-identifier without a hierarchy one level, which the search keeps at 0', async () => {
		const bare = {
			...config,
			attributes: { ...config.attributes, sex: { role: 'quasi-identifying' } },
			privacy: [{ model: 'k-anonymity', k: 2 }],
			suppressionLimit: 0
		};
		const file = project({
			'project.json': JSON.stringify(bare),
			'data.csv': 'age;sex;disease\n21;m;flu\n34;m;cold\n21;;flu\n34;;flu\n',
			'age.csv': '21;20-29;*\n34;30-39;*\n'
		});
		const loaded = await loadProject(file);
		const sex = loaded.quasiIdentifiers.find((q) => q.name === 'sex')!.hierarchy;
		expect(sex.height).toBe(1);
		// The empty value is a value of its own (not dropped as an empty hierarchy row would be).
		expect([...sex.levels[0]]).toEqual(['m', '']);
		const prepared = prepareSearch(loaded);
		expect(prepared.latticeSize).toBe(3);
		const result = runToEnd(searchProject(prepared, loaded.config));
		expect(Array.from(result.levels ?? [])).toEqual([2, 0]);
	});

	it('detects Shift_JIS data and hierarchy files and repairs the header as the browser does', async () => {
		const sjisData = '年齢,性別,,性別\n21,男,a,x\n34,女,b,y\n';
		const attributes = {
			年齢: { role: 'quasi-identifying', hierarchy: { path: 'age.csv' } },
			性別: { role: 'quasi-identifying' },
			column_3: { role: 'insensitive' },
			性別_2: { role: 'sensitive' }
		};
		for (const encoding of [undefined, 'auto', 'shift_jis', 'cp932']) {
			const file = project({
				'project.json': JSON.stringify({ tokumei: 1, data: { path: 'data.csv', encoding }, attributes }),
				'data.csv': shiftJis(sjisData),
				'age.csv': shiftJis('21;20代;*\n34;30代;*\n')
			});
			const loaded = await loadProject(file);
			expect(loaded.encoding).toBe('shift_jis');
			expect(loaded.table.columns.map((c) => c.name)).toEqual(['年齢', '性別', 'column_3', '性別_2']);
			expect(loaded.warnings.map((w) => w.code).sort()).toEqual(['DUPLICATE_HEADER', 'EMPTY_HEADER']);
			expect(loaded.quasiIdentifiers[1].column.values).toEqual(['男', '女']);
			expect(loaded.hierarchies['年齢'].levels[1]).toEqual(['20代', '30代']);
		}
	});

	it('honours an explicit encoding: a wrong one and an unknown one are config errors', async () => {
		const files = { 'data.csv': shiftJis('年齢;性別\n21;男\n'), 'age.csv': '21;*\n' };
		const withEncoding = (encoding: string) =>
			project({
				...files,
				'project.json': JSON.stringify({
					tokumei: 1,
					data: { path: 'data.csv', encoding },
					attributes: { 年齢: { role: 'quasi-identifying', hierarchy: { path: 'age.csv' } } }
				})
			});
		await expect(loadProject(withEncoding('utf-8'))).rejects.toThrow(/^data\.path: .*not UTF-8/);
		await expect(loadProject(withEncoding('latin1'))).rejects.toThrow(
			/^data\.encoding: "latin1" is not supported/
		);
		expect((await loadProject(withEncoding('sjis'))).table.columns[1].values).toEqual(['男']);
	});
});
