/**
 * How a release is packed into what the person downloads (issue 6): one table's CSV/TSV as it is;
 * several tables' files in one ZIP (fflate: a small, well-kept zip writer that runs in a worker —
 * browsers can download only one file per click without asking); the SQLite format is one database
 * file of every table (sqlite-export.ts).
 */
import { zipSync } from 'fflate';
import { uniqueFileNames } from '$lib/workbench/file-names';

export interface ReleaseFile {
	readonly fileName: string;
	readonly bytes: Uint8Array;
}

/** `<stem>-anonymized.<ext>` for each table of the release (see uniqueFileNames). */
export function releaseFileNames(sourceNames: readonly string[], extension: string): string[] {
	return uniqueFileNames(sourceNames, '-anonymized', `.${extension}`);
}

/** The files in one ZIP (deflated: anonymized CSV shrinks to a fraction; dates are the export's). */
export function zipRelease(files: readonly ReleaseFile[]): Uint8Array {
	const entries: Record<string, Uint8Array> = {};
	for (const file of files) entries[file.fileName] = file.bytes;
	return zipSync(entries, { level: 6 });
}
