/** Shared by the CLI tests: the adult data set of ../shared, and in-process runs with captured output. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';

export const ADULT_DIR = path.resolve(process.cwd(), '../shared/datasets/arx/adult');
export const ADULT_AVAILABLE = existsSync(path.join(ADULT_DIR, 'adult.csv'));

/** Adult's nine attributes with ARX hierarchies, as ARX's examples use them. */
export const ADULT_ATTRIBUTES = [
	'sex',
	'age',
	'race',
	'marital-status',
	'education',
	'native-country',
	'workclass',
	'occupation',
	'salary-class'
];

/** The attributes of adult as quasi-identifiers with their ARX hierarchy files. */
export function adultQuasiIdentifiers(names: readonly string[] = ADULT_ATTRIBUTES) {
	return Object.fromEntries(
		names.map((name) => [
			name,
			{
				role: 'quasi-identifying',
				hierarchy: { path: path.join(ADULT_DIR, `adult_hierarchy_${name}.csv`) }
			}
		])
	);
}

/** Runs a command in-process, capturing what it writes to stdout and stderr. */
export async function captured(
	command: () => Promise<number>
): Promise<{ code: number; stdout: string; stderr: string }> {
	let stdout = '';
	let stderr = '';
	const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += chunk), true));
	const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += chunk), true));
	try {
		const code = await command();
		return { code, stdout, stderr };
	} finally {
		out.mockRestore();
		err.mockRestore();
	}
}
