import { describe, expect, it } from 'vitest';
import { ConfigError, parseProjectConfig } from '../../../../src/lib/engine/config/project-config';
import {
	assertNoSecrets,
	loadProjectFile,
	ProjectFileError,
	projectHash,
	serializeProject,
	sha256Hex
} from '../../../../src/lib/engine/project/project-file';

const base = {
	tokumei: 1,
	data: { path: 'visits.csv', delimiter: ',' },
	attributes: {
		patient_id: { role: 'identifying', treatment: 'surrogate' },
		age: { role: 'quasi-identifying', hierarchy: { rows: [['30', '30-39', '*']] } },
		sex: { role: 'quasi-identifying', hierarchy: { rows: [['M', '*']] } }
	},
	privacy: [{ model: 'k-anonymity', k: 5 }],
	suppressionLimit: 0.05,
	transformation: { age: 1, sex: 0 },
	decisions: [{ attribute: 'age', value: '116', action: 'top-code', note: '90歳以上' }]
} as const;

describe('project file', () => {
	it('serializes with a stable key order whatever the input order', () => {
		const shuffled = {
			decisions: base.decisions,
			transformation: { sex: 0, age: 1 },
			suppressionLimit: 0.05,
			privacy: [{ k: 5, model: 'k-anonymity' }],
			attributes: base.attributes,
			data: { delimiter: ',', path: 'visits.csv' },
			tokumei: 1
		};
		const a = serializeProject(parseProjectConfig(base));
		const b = serializeProject(parseProjectConfig(shuffled));
		expect(b).toBe(a);
		expect(Object.keys(JSON.parse(a))).toEqual([
			'tokumei',
			'data',
			'attributes',
			'privacy',
			'suppressionLimit',
			'transformation',
			'decisions'
		]);
		// Attribute order is the data's column order and is kept.
		expect(Object.keys(JSON.parse(a).attributes)).toEqual(['patient_id', 'age', 'sex']);
		expect(a.endsWith('\n')).toBe(true);
	});

	it('hashes the serialized text with SHA-256', async () => {
		expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		const hash = await projectHash(parseProjectConfig(base));
		expect(hash).toBe(await sha256Hex(serializeProject(parseProjectConfig(base))));
		const changed = await projectHash(parseProjectConfig({ ...base, suppressionLimit: 0.1 }));
		expect(changed).not.toBe(hash);
	});

	it('loads what it saves', () => {
		const text = serializeProject(parseProjectConfig(base));
		expect(serializeProject(loadProjectFile(text))).toBe(text);
		expect(serializeProject(loadProjectFile('\ufeff' + text))).toBe(text);
	});

	it('explains what is wrong with a file', () => {
		expect(() => loadProjectFile('{')).toThrow(/not valid JSON/);
		expect(() => loadProjectFile('[]')).toThrow(/JSON object/);
		expect(() => loadProjectFile('{"data": {}}')).toThrow(/not a Tokumei project file/);
		expect(() => loadProjectFile(JSON.stringify({ ...base, tokumei: 2 }))).toThrow(/newer Tokumei/);
		expect(() => loadProjectFile(JSON.stringify({ ...base, tokumei: 'one' }))).toThrow(ConfigError);
		expect(() =>
			loadProjectFile(JSON.stringify({ ...base, privacy: [{ model: 'k-anonymity', k: 0 }] }))
		).toThrow(/privacy\[0\]\.k/);
	});

	it('never holds a key or secret', () => {
		const withKey = { ...base, output: { pseudonymKey: '00'.repeat(32) } };
		expect(() => serializeProject(parseProjectConfig(withKey))).toThrow(/must not contain keys/);
		expect(() => loadProjectFile(JSON.stringify(withKey))).toThrow(/output\.pseudonymKey/);
		expect(() => assertNoSecrets({ a: [{ secret: 'x' }] })).toThrow(/a\[0\]\.secret/);
		expect(() => assertNoSecrets(base)).not.toThrow();
	});
});

describe('why a project file is refused', () => {
	const text = JSON.stringify(base);
	it.each([
		['{"tokumei": 1,', 'json'],
		['[1]', 'json'],
		['{"data": {}}', 'version'],
		[text.replace('"tokumei":1', '"tokumei":2'), 'version'],
		[text.replace('"delimiter":","', '"delimiter":",","passphrase":"x"'), 'secret'],
		[text.replace('"action":"top-code"', '"action":"drop"'), 'invalid']
	])('%s → %s', (input, problem) => {
		let caught: unknown;
		try {
			loadProjectFile(input);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(ProjectFileError);
		expect(caught).toBeInstanceOf(ConfigError);
		expect((caught as ProjectFileError).problem).toBe(problem);
	});
});
