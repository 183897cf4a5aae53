/**
 * Robustness of the project-file reader: whatever JSON or files it is given, it either accepts them or
 * throws a ConfigError whose message starts with the field at fault (never a TypeError or a crash).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../../bin/load-project';
import { ConfigError, parseProjectConfig } from '../../../../src/lib/engine/config/project-config';
import { tempDirs } from '../../cli/temp-dirs';

const tempDir = tempDirs('tokumei-fuzz-');

const valid = {
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
		zip: { role: 'quasi-identifying', hierarchy: { builder: 'mask' } },
		area: { role: 'quasi-identifying' },
		disease: { role: 'sensitive' }
	},
	privacy: [
		{ model: 'k-anonymity', k: 2 },
		{ model: 'l-diversity', variant: 'distinct', attribute: 'disease', l: 2 },
		{ model: 'population-uniqueness', threshold: 0.1, estimator: 'pitman' }
	],
	suppressionLimit: 0.5,
	quality: { measure: 'loss', aggregate: 'sum', attributeWeights: { age: 2 } },
	search: { algorithm: 'optimal' },
	transformation: { age: 1, sex: 0 },
	population: { area: '13', census: { area: 'area', sex: 'sex' } },
	suda: { disFraction: 0.01 }
};
const data = 'age;sex;zip;area;disease\n21;m;1234567;13;flu\n34;f;1234599;14;cold\n21;f;1234567;13;flu\n';
const ageCsv = '21;20-29;*\n34;30-39;*\n';

/** Field paths the reader names; the message must start with one of these roots. */
const FIELD =
	/^(config|tokumei|data(\.\w+)?|attributes(\.[^:]*)?|privacy(\[\d+\](\.\w+)?|\[\])?|suppressionLimit|quality(\.[^:]*)?|search(\.\w+)?|transformation(\.[^:]*)?|weights|household|population(\.[^:]*)?|suda(\.\w+)?)[:\s]/;

function expectConfigError(error: unknown) {
	if (!(error instanceof ConfigError)) throw error;
	expect(error.code).toBe('BAD_CONFIG');
	expect(error.message).toMatch(FIELD);
	expect(error.message).not.toContain('\n');
}

/** The valid config with the value at one path replaced (or deleted) by anything JSON can hold. */
const mutated = fc
	.record({
		path: fc.constantFrom(
			['tokumei'],
			['data'],
			['data', 'path'],
			['data', 'delimiter'],
			['data', 'encoding'],
			['attributes'],
			['attributes', 'age'],
			['attributes', 'age', 'role'],
			['attributes', 'age', 'hierarchy'],
			['attributes', 'age', 'hierarchy', 'path'],
			['attributes', 'sex', 'hierarchy', 'rows'],
			['attributes', 'zip', 'hierarchy'],
			['attributes', 'zip', 'hierarchy', 'builder'],
			['attributes', 'zip', 'hierarchy', 'maskFrom'],
			['attributes', 'constructor'],
			['attributes', '__proto__'],
			['privacy'],
			['privacy', '0'],
			['privacy', '1', 'attribute'],
			['privacy', '1', 'l'],
			['privacy', '2', 'estimator'],
			['suppressionLimit'],
			['quality'],
			['quality', 'measure'],
			['quality', 'attributeWeights'],
			['quality', 'attributeWeights', 'toString'],
			['search'],
			['search', 'algorithm'],
			['transformation'],
			['transformation', 'area'],
			['transformation', 'hasOwnProperty'],
			['population'],
			['population', 'area'],
			['population', 'census'],
			['population', 'census', 'valueOf'],
			['suda'],
			['weights'],
			['household']
		),
		value: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined })
	})
	.map(({ path: keys, value }) => {
		const copy = JSON.parse(JSON.stringify(valid));
		let at = copy;
		for (const key of keys.slice(0, -1)) {
			if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
			at = at[key];
		}
		const last = keys[keys.length - 1];
		if (value === undefined) delete at[last];
		// defineProperty: "__proto__" as an own key, as JSON.parse makes it.
		else Object.defineProperty(at, last, { value, enumerable: true, writable: true, configurable: true });
		return JSON.stringify(copy);
	});

describe('parseProjectConfig on arbitrary input', () => {
	it('accepts the valid config', () => {
		expect(parseProjectConfig(valid).population).toMatchObject({ area: '13' });
	});

	it('throws only ConfigErrors naming a field, for any JSON value', () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 4 }), (json) => {
				try {
					parseProjectConfig(json);
				} catch (error) {
					expectConfigError(error);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('throws only ConfigErrors naming a field, for the valid config with one field replaced', () => {
		fc.assert(
			fc.property(mutated, (text) => {
				try {
					parseProjectConfig(JSON.parse(text));
				} catch (error) {
					expectConfigError(error);
				}
			}),
			{ numRuns: 600 }
		);
	});
});

describe('loadProject on broken projects', () => {
	const bytes = fc.uint8Array({ maxLength: 200 });
	const text = fc.string({ unit: 'binary', maxLength: 120 });
	const file = fc.oneof(
		fc.constant(undefined), // missing
		text,
		bytes,
		fc.constant(ageCsv),
		fc.constant(data)
	);

	it('always resolves or rejects with a ConfigError naming a field', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.record({ config: fc.oneof(mutated, fc.constant(JSON.stringify(valid))), data: file, age: file }),
				async (files) => {
					const dir = tempDir();
					writeFileSync(path.join(dir, 'project.json'), files.config);
					if (files.data !== undefined) writeFileSync(path.join(dir, 'data.csv'), files.data);
					if (files.age !== undefined) writeFileSync(path.join(dir, 'age.csv'), files.age);
					try {
						await loadProject(path.join(dir, 'project.json'));
					} catch (error) {
						expectConfigError(error);
					}
				}
			),
			{ numRuns: 150 }
		);
	});

	it('reads the intact project', async () => {
		const dir = tempDir();
		writeFileSync(path.join(dir, 'project.json'), JSON.stringify(valid));
		writeFileSync(path.join(dir, 'data.csv'), data);
		writeFileSync(path.join(dir, 'age.csv'), ageCsv);
		const loaded = await loadProject(path.join(dir, 'project.json'));
		const heights = Object.fromEntries(loaded.quasiIdentifiers.map((q) => [q.name, q.hierarchy.height]));
		expect(heights).toMatchObject({ age: 3, sex: 2, area: 1 });
		expect(heights.zip).toBeGreaterThan(2);
		expect(loaded.config.population).toMatchObject({ area: '13', census: { area: 'area', sex: 'sex' } });
	});
});
