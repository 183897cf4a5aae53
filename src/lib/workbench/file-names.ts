/**
 * Names of the files a release writes, made from the imported files' names. Unique ignoring case: a
 * ZIP may be unpacked on a file system that ignores it.
 */

/** The name stem of an imported file ("受診.csv" → "受診"; "export" when nothing is left). */
export function stemOf(fileName: string): string {
	return fileName.replace(/\.[^.]*$/, '').trim() || 'export';
}

/**
 * `<stem><middle><end>` for each source name; a repeated one gets `-2`, `-3`, … before `end`
 * (two "a.csv" → "a-anonymized.csv", "a-anonymized-2.csv").
 */
export function uniqueFileNames(sourceNames: readonly string[], middle: string, end: string): string[] {
	const taken = new Set<string>();
	return sourceNames.map((source) => {
		const base = `${stemOf(source)}${middle}`;
		let name = `${base}${end}`;
		for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}${end}`;
		taken.add(name.toLowerCase());
		return name;
	});
}

/** A file name as one POSIX shell word (quoted only when it needs to be). */
export function quoteShellWord(name: string): string {
	return /^[\w.,@%+=:/-]+$/u.test(name) ? name : `'${name.replaceAll("'", "'\\''")}'`;
}
