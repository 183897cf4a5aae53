/**
 * `tokumei release <a.json> <b.json> … --out-dir <dir>`: applies several projects as ONE release
 * (issue 6). Linking IDs get random per-release surrogates that agree across all the tables, key-less
 * date shifts move a patient's dates by one offset in every table, and an opt-out list is matched on
 * the raw data of every table and linked across them (a patient found by insurance number in one table
 * is removed by patient ID from the others) — engine/apply/release.ts. Each table is written as
 * `<data file stem>-anonymized.csv|tsv`, byte-identical to what `tokumei apply` writes for it, except
 * that the surrogates are the release's. Every table's pass 1 (census and privacy check) runs before
 * any file is written, so a refused release leaves no file; a failure while writing removes the
 * release's files.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import {
	type ApplyInput,
	applyRows,
	type ApplySummary,
	applySettings,
	buildReleaseRecord,
	ConfigError,
	type Hierarchy,
	prepareRelease,
	type ProjectConfig,
	releaseRecordJson,
	renderReleaseRecordHtml
} from '../../src/lib/engine';
import packageJson from '../../package.json';
import {
	isUserError,
	openStreamingProject,
	outputOverrides,
	parseSharedFlag,
	readKey,
	readOptOut,
	type SharedFlags,
	tableRecord
} from './apply';

export const RELEASE_USAGE = `Usage: tokumei release <a.json> <b.json> ... --out-dir <dir> [options]

  --out-dir <dir>              where each table is written as <data file stem>-anonymized.csv (or .tsv)
  --encoding <e>               utf-8 (default) | utf-8-bom | shift_jis (CP932)
  --delimiter <d>              , (default) | tab
  --marker <text>              written for suppressed values (default: each project's output.marker or *)
  --key-file <file>            pseudonymization key (hex or base64, 256 bits); or env TOKUMEI_PSEUDONYM_KEY
  --optout <list.csv>          opt-out list, matched on the raw data of every table; a patient matched in a
                               table that has a patient ID column is removed by that ID from every table
  --report <file.json|.html>   also write the release record (every table's 加工の記録) as JSON, or as HTML
  --lang <ja|en>               language of the HTML record (default ja)
  --preset <p>                 anonymous (匿名加工, default) | pseudonymous (仮名加工) | hipaa (Safe Harbor)

One release: surrogates (and date shifts without a key) agree across its tables and differ from any
other release. Tables that shift dates must agree on output.dateShiftDays (and on output.noticeDays
when the list has notice dates). Each table is read as \`tokumei apply\` reads it, plus one pass over
the tables that link opt-out patients (a patient ID column beside insurance or kana-name columns).
The summary (per-table counts, release opt-out counts) is JSON on stdout.
`;

interface Flags extends SharedFlags {
	configs: string[];
	outDir?: string;
}

function parseFlags(args: string[]): Flags | string {
	const flags: Flags = { configs: [] };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		const shared = parseSharedFlag(args, i, flags);
		if (typeof shared === 'string') return shared;
		if (shared >= 0) i = shared;
		else if (arg === '--out-dir') {
			const v = args[++i];
			if (v === undefined) throw new ConfigError(`${arg}: a value is needed`);
			flags.outDir = v;
		} else if (arg.startsWith('-')) return `unknown option ${arg}`;
		else flags.configs.push(arg);
	}
	if (flags.configs.length === 0) return 'the project files are missing';
	if (!flags.outDir) return '--out-dir is required';
	return flags;
}

interface OpenedTable {
	configPath: string;
	config: ProjectConfig;
	dataFile: string;
	input: ApplyInput;
	hierarchies: Record<string, Hierarchy>;
	/** The output file's name in --out-dir. */
	outName: string;
}

/** `<stem>-anonymized.csv|tsv`, as the browser export names its file. */
function outputName(dataFile: string, delimiter: string): string {
	const stem = path.basename(dataFile).replace(/\.[^.]*$/, '') || 'export';
	return `${stem}-anonymized.${delimiter === '\t' ? 'tsv' : 'csv'}`;
}

async function openTables(flags: Flags): Promise<OpenedTable[]> {
	const tables: OpenedTable[] = [];
	const byName = new Map<string, string>();
	for (const configPath of flags.configs) {
		const opened = await openStreamingProject(configPath);
		const delimiter = flags.delimiter ?? applySettings(opened.config, opened.input.header).output.delimiter;
		const outName = outputName(opened.dataFile, delimiter);
		const clash = byName.get(outName.toLowerCase());
		if (clash !== undefined) {
			throw new ConfigError(
				`${configPath} and ${clash} would both write ${outName}: give their data files different names.`
			);
		}
		byName.set(outName.toLowerCase(), configPath);
		tables.push({ configPath, ...opened, outName });
	}
	return tables;
}

/** Writes the rest of an apply's chunks to a file; returns the summary. */
async function writeRest(
	run: AsyncGenerator<Uint8Array, ApplySummary>,
	first: IteratorResult<Uint8Array, ApplySummary>,
	file: string,
	opened: ReturnType<typeof createWriteStream>[]
): Promise<ApplySummary> {
	const out = createWriteStream(file);
	opened.push(out);
	let next = first;
	while (!next.done) {
		if (!out.write(next.value)) await once(out, 'drain');
		next = await run.next();
	}
	out.end();
	await once(out, 'finish');
	return next.value;
}

export async function run(args: string[]): Promise<number> {
	if (args.includes('--help') || args.includes('-h')) {
		process.stdout.write(RELEASE_USAGE);
		return 0;
	}
	const written: string[] = [];
	const streams: ReturnType<typeof createWriteStream>[] = [];
	try {
		const flags = parseFlags(args);
		if (typeof flags === 'string') {
			process.stderr.write(`tokumei release: ${flags}\n\n${RELEASE_USAGE}`);
			return 2;
		}
		const started = performance.now();
		const tables = await openTables(flags);
		const optOut = flags.optout ? await readOptOut(flags.optout) : undefined;
		const release = await prepareRelease(
			tables.map((t) => ({
				name: path.basename(t.dataFile),
				project: { config: t.config, hierarchies: t.hierarchies },
				input: t.input
			})),
			{ pseudonymKey: await readKey(flags), optOut, output: outputOverrides(flags) }
		);

		// Pass 1 of every table before any file is opened: a refused table leaves no file behind.
		const runs = [];
		for (const [i, t] of tables.entries()) {
			const run = applyRows(
				{ config: t.config, hierarchies: t.hierarchies },
				t.input,
				release.tables[i].options
			);
			runs.push({ run, first: await run.next() });
		}
		const outDir = path.resolve(flags.outDir!);
		await mkdir(outDir, { recursive: true });
		const summaries: ApplySummary[] = [];
		for (const [i, t] of tables.entries()) {
			const file = path.join(outDir, t.outName);
			written.push(file);
			summaries.push(await writeRest(runs[i].run, runs[i].first, file, streams));
		}

		const releaseOptOut = release.optOutCounts();
		if (flags.report) {
			const createdAt = new Date().toISOString();
			const preset = flags.preset ?? 'anonymous';
			const records = [];
			for (const [i, t] of tables.entries()) {
				records.push({
					name: release.tables[i].name,
					record: await tableRecord(preset, createdAt, { ...t, summary: summaries[i] })
				});
			}
			const record = buildReleaseRecord({
				toolVersion: packageJson.version,
				createdAt,
				preset,
				tables: records,
				optOut: releaseOptOut,
				linkedBy: release.linkedBy
			});
			const html = flags.report.toLowerCase().endsWith('.html');
			await writeFile(
				path.resolve(flags.report),
				html ? renderReleaseRecordHtml(record, flags.lang ?? 'ja') : releaseRecordJson(record)
			);
		}
		process.stdout.write(
			JSON.stringify({
				tables: tables.map((t, i) => {
					const { settings, ...counts } = summaries[i];
					return {
						name: release.tables[i].name,
						project: path.resolve(t.configPath),
						...counts,
						output: { file: written[i], ...settings.output }
					};
				}),
				optOut: releaseOptOut,
				optOutLinkedTables: release.optOutLinkedTables,
				linkedBy: release.linkedBy,
				elapsedMs: Math.round(performance.now() - started)
			}) + '\n'
		);
		return 0;
	} catch (error) {
		// A release is one unit: files of a release that did not complete are removed.
		await Promise.all(
			streams.map((stream) => {
				const closed = stream.closed ? Promise.resolve() : once(stream, 'close');
				stream.destroy();
				return closed.catch(() => undefined);
			})
		);
		await Promise.all(written.map((file) => rm(file, { force: true })));
		if (isUserError(error)) {
			process.stderr.write(`tokumei release: ${error.message}\n`);
			return 2;
		}
		throw error;
	}
}
