/**
 * Names of the files a release writes, made from the imported files' names. Unique ignoring case: a
 * ZIP may be unpacked on a file system that ignores it.
 */

/** Characters no file system takes in a name (Windows' set, path separators, control characters). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed here
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/gu;

/**
 * The name stem of an imported file ("受診.csv" → "受診"; "export" when nothing is left), safe to
 * unpack anywhere: NFC (macOS gives NFD names), unsafe characters as "_", no leading dot.
 */
export function stemOf(fileName: string): string {
	const stem = fileName
		.normalize('NFC')
		.replace(/\.[^.]*$/, '')
		.replace(UNSAFE, '_')
		.replace(/^\.+/, '')
		.trim();
	return stem || 'export';
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
