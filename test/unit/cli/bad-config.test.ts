/**
 * Every command answers a broken project (bad JSON, wrong types, missing or garbled files) with exit
 * code 2 and one line on stderr that names the field at fault — never a stack trace.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../../bin/cli';
import { captured } from './cli-fixtures';
import { tempDirs } from './temp-dirs';

const tempDir = tempDirs('tokumei-badcfg-');

const config = {
	tokumei: 1,
	data: { path: 'data.csv' },
	attributes: {
		age: { role: 'quasi-identifying', hierarchy: { path: 'age.csv' } },
		zip: { role: 'quasi-identifying', hierarchy: { builder: 'mask' } },
		sex: { role: 'quasi-identifying' },
		disease: { role: 'sensitive' }
	},
	privacy: [{ model: 'k-anonymity', k: 2 }],
	suppressionLimit: 1,
	transformation: { age: 1 }
};
const data = 'age,zip,sex,disease\n21,1234567,m,flu\n34,1234599,f,cold\n21,1234567,f,flu\n34,1234599,m,flu\n';
const ageCsv = '21;20-29;*\n34;30-39;*\n';

async function run(command: string, dir: string) {
	const extra =
		command === 'apply'
			? ['--out', path.join(dir, 'out.csv')]
			: command === 'sql'
				? ['--dialect', 'sqlite']
				: [];
	return captured(() => main([command, path.join(dir, 'project.json'), ...extra]));
}

const FIELD =
	/^tokumei \w+: (config|tokumei|data|attributes|privacy|suppressionLimit|quality|search|transformation|weights|household|population|suda)[\w.[\]\-:"\s]/;

/** A project with one of its parts broken. */
const broken = fc.oneof(
	fc.record({ config: fc.constant('{"tokumei": 1,'), data: fc.constant(data), age: fc.constant(ageCsv) }),
	fc
		.record({
			key: fc.constantFrom('tokumei', 'data', 'attributes', 'privacy', 'suppressionLimit', 'transformation'),
			value: fc.jsonValue({ maxDepth: 2 })
		})
		.map(({ key, value }) => ({ config: JSON.stringify({ ...config, [key]: value }), data, age: ageCsv })),
	fc.record({
		config: fc.constant(JSON.stringify(config)),
		data: fc.oneof(fc.constant(undefined), fc.uint8Array({ minLength: 1, maxLength: 80 }), fc.constant('')),
		age: fc.constant(ageCsv)
	}),
	fc.record({
		config: fc.constant(JSON.stringify(config)),
		data: fc.constant(data),
		age: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }))
	})
);

describe('the CLI on broken projects', () => {
	it('runs the intact project with every command', async () => {
		const dir = tempDir();
		writeFileSync(path.join(dir, 'project.json'), JSON.stringify(config));
		writeFileSync(path.join(dir, 'data.csv'), data);
		writeFileSync(path.join(dir, 'age.csv'), ageCsv);
		for (const command of ['search', 'risk', 'apply', 'sql']) {
			const { code, stderr } = await run(command, dir);
			expect({ command, code, stderr }).toEqual({ command, code: 0, stderr: '' });
		}
	});

	it.each(['search', 'risk', 'apply', 'sql'])('%s: exit 2 and one line naming the field', async (command) => {
		await fc.assert(
			fc.asyncProperty(broken, async (files) => {
				const dir = tempDir();
				writeFileSync(path.join(dir, 'project.json'), files.config);
				if (files.data !== undefined) writeFileSync(path.join(dir, 'data.csv'), files.data);
				if (files.age !== undefined) writeFileSync(path.join(dir, 'age.csv'), files.age);
				const { code, stderr } = await run(command, dir);
				if (code === 0) return;
				expect(code, stderr).toBe(2);
				expect(stderr.endsWith('\n')).toBe(true);
				expect(stderr.trimEnd().split('\n'), stderr).toHaveLength(1);
				expect(stderr).toMatch(FIELD);
			}),
			{ numRuns: 40 }
		);
	});
});
