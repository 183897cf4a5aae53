/**
 * How a release is packed into what the person downloads (issue 6): one table's CSV/TSV as it is;
 * several tables' files in one ZIP (fflate: a small, well-kept zip writer that runs in a worker —
 * browsers can download only one file per click without asking); the SQLite format is one database
 * file of every table (sqlite-export.ts).
 */
import { zipSync } from 'fflate';

export interface ReleaseFile {
	readonly fileName: string;
	readonly bytes: Uint8Array;
}

/** The name stem of an imported file ("受診.csv" → "受診"; "export" when nothing is left). */
export function stemOf(fileName: string): string {
	return fileName.replace(/\.[^.]*$/, '').trim() || 'export';
}

/**
 * `<stem>-anonymized.<ext>` for each table, unique case-insensitively (a ZIP may be unpacked on a
 * file system that ignores case): a second "a.csv" becomes "a-anonymized-2.csv".
 */
export function releaseFileNames(sourceNames: readonly string[], extension: string): string[] {
	const taken = new Set<string>();
	return sourceNames.map((source) => {
		const base = `${stemOf(source)}-anonymized`;
		let name = `${base}.${extension}`;
		for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}.${extension}`;
		taken.add(name.toLowerCase());
		return name;
	});
}

/** The files in one ZIP (deflated: anonymized CSV shrinks to a fraction; dates are the export's). */
export function zipRelease(files: readonly ReleaseFile[]): Uint8Array {
	const entries: Record<string, Uint8Array> = {};
	for (const file of files) entries[file.fileName] = file.bytes;
	return zipSync(entries, { level: 6 });
}
