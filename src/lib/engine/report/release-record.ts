/**
 * The record of a release of several tables (加工の記録 for one release, issue 6): surrogates shared
 * across the tables, one opt-out list applied to all of them. Built only from each table's processing
 * record (buildProcessingRecord: no source value of an identifier, no key) and release-level counts,
 * so it holds no secret either. Each table keeps its own checklist in its record; the release adds the
 * measures that only the release as a whole can show (DOMAIN.md §1.2 measure 3: surrogates
 * "consistent across the tables of that release"; §1.7 opt-out; measure 5 for the linked tables).
 */
import type { OptOutCounts } from '../optout/opt-out';
import type { ChecklistItem, Preset } from './checklist';
import type { InputFile, ProcessingRecord } from './processing-record';
import { renderReleaseRecordHtml } from './release-html';

export { renderReleaseRecordHtml };

export interface ReleaseRecordInput {
	toolVersion: string;
	/** ISO 8601 time of the release. */
	createdAt: string;
	preset: Preset;
	/** Each table's record, built by buildProcessingRecord, in release order. */
	tables: readonly { name: string; record: ProcessingRecord }[];
	/** Release-level opt-out counts (the list applied across all tables), or null without a list. */
	optOut: OptOutCounts | null;
	/** How the tables are linked (e.g. the patient ID column(s)), for the reader; null if not linked. */
	linkedBy: string | null;
}

export interface ReleaseInputFile extends InputFile {
	/** The release table the file was read for. */
	table: string;
}

export interface ReleaseRecord {
	format: 'tokumei-release-record';
	version: 1;
	toolVersion: string;
	createdAt: string;
	preset: Preset;
	/** Every table's input files, tables in release order. */
	inputs: ReleaseInputFile[];
	totals: { tables: number; records: { in: number; out: number } };
	optOut: OptOutCounts | null;
	linkedBy: string | null;
	/** Measures of the release as a whole (each table's own checklist stays in its record). */
	checklist: ChecklistItem[];
	tables: { name: string; record: ProcessingRecord }[];
}

type Table = ReleaseRecordInput['tables'][number];

const list = (items: readonly string[]): string => (items.length === 0 ? '—' : items.join(', '));

function columnsOf(table: Table, treatment: string, role?: string): string[] {
	return table.record.columns
		.filter((c) => c.treatment === treatment && (role === undefined || c.role === role))
		.map((c) => c.name);
}

function tablesChecklistsItem(tables: readonly Table[]): ChecklistItem {
	const counts = tables.map((t) => {
		const met = t.record.checklist.filter((c) => c.status === 'met').length;
		return { name: t.name, met, review: t.record.checklist.length - met };
	});
	return {
		id: 'tables-checklists',
		title: { ja: '各表のチェックリスト', en: "Each table's checklist" },
		status: counts.every((c) => c.review === 0) ? 'met' : 'review',
		evidence: {
			ja: list(counts.map((c) => `${c.name}: 充足 ${c.met} / 要確認 ${c.review}`)),
			en: list(counts.map((c) => `${c.name}: ${c.met} met / ${c.review} to confirm`))
		}
	};
}

/**
 * Measure 3 over the release: every table's identifying columns are removed or replaced — by random
 * per-release surrogates for 匿名加工 and HIPAA (a keyed pseudonym keeps a key and is derived from the
 * ID, §164.514(c)), keyed pseudonyms allowed for 仮名加工.
 */
function linkingCodesItem(preset: Preset, tables: readonly Table[]): ChecklistItem {
	const allowed = preset === 'pseudonymous' ? ['remove', 'surrogate', 'pseudonym'] : ['remove', 'surrogate'];
	const open = tables.flatMap((t) =>
		t.record.columns
			.filter((c) => c.role === 'identifying' && !allowed.includes(c.treatment))
			.map((c) => `${t.name}.${c.name} (${c.treatment})`)
	);
	const replaced = (t: Table) =>
		`${t.name}: ${list([...columnsOf(t, 'surrogate', 'identifying'), ...columnsOf(t, 'pseudonym', 'identifying')])}`;
	return {
		id: 'linking-codes',
		title: {
			ja: '情報を相互に連結する符号の削除（置換）— すべての表',
			en: 'Codes that link the data to the source deleted (or replaced) — every table'
		},
		status: open.length === 0 ? 'met' : 'review',
		evidence: {
			ja: `置換した識別子の列: ${list(tables.map(replaced))}; 要確認: ${list(open)}`,
			en: `Replaced identifying columns: ${list(tables.map(replaced))}; to confirm: ${list(open)}`
		}
	};
}

/** Linked tables need a replaced ID in each: the release shares one surrogate (or pseudonym) per patient. */
function linkingItem(preset: Preset, tables: readonly Table[], linkedBy: string | null): ChecklistItem {
	const treatments = preset === 'pseudonymous' ? ['surrogate', 'pseudonym'] : ['surrogate'];
	const missing = tables
		.filter((t) => treatments.every((tr) => columnsOf(t, tr).length === 0))
		.map((t) => t.name);
	const single = tables.length <= 1;
	const status = linkedBy === null ? (single ? 'met' : 'review') : missing.length === 0 ? 'met' : 'review';
	return {
		id: 'tables-linked',
		title: {
			ja: '表の連結はリリース内で共通の置換IDだけによる',
			en: 'Tables are linked only through IDs replaced consistently within the release'
		},
		status,
		evidence: {
			ja:
				linkedBy === null
					? single
						? '表は1つです'
						: '連結方法が記録されていません。表を連結しないことを確認してください'
					: `連結に使う列: ${linkedBy}; 置換IDのない表: ${list(missing)}`,
			en:
				linkedBy === null
					? single
						? 'One table'
						: 'No linking recorded; confirm the tables are not meant to be joined'
					: `Linked by: ${linkedBy}; tables without a replaced ID: ${list(missing)}`
		}
	};
}

/** 丁寧なオプトアウト (DOMAIN.md §1.7): one list, applied to every table of the release. */
function optOutItem(optOut: OptOutCounts | null, tables: readonly Table[]): ChecklistItem {
	const perTable = tables.map(
		(t) =>
			`${t.name}: ${t.record.optOut ? t.record.optOut.refusedRecords + t.record.optOut.noticePeriodRecords : 0}`
	);
	return {
		id: 'opt-out-release',
		title: {
			ja: '提供停止の申出をリリースのすべての表に適用',
			en: 'Opt-out requests applied to every table of the release'
		},
		status: optOut ? 'met' : 'review',
		evidence: optOut
			? {
					ja: `リストの件数 ${optOut.entries}、該当 ${optOut.matchedEntries}、除外した患者 ${optOut.patientsRemoved ?? '—'}; 表ごとの除外レコード ${list(perTable)}`,
					en: `${optOut.entries} entries, ${optOut.matchedEntries} matched, ${optOut.patientsRemoved ?? '—'} patients excluded; records excluded per table ${list(perTable)}`
				}
			: {
					ja: '提供停止リストは適用されていません。申出がないことを確認してください',
					en: 'No opt-out list was applied; confirm there were no requests'
				}
	};
}

/**
 * Measure 5 for linked tables: each table's k holds for that table alone; a patient's records joined
 * across tables combine their quasi-identifiers, which no table's figures cover (DOMAIN.md §1.2).
 */
function combinedRiskItem(tables: readonly Table[], linkedBy: string | null): ChecklistItem {
	const linked = linkedBy !== null && tables.length > 1;
	const ks = list(tables.map((t) => `${t.name}: k = ${t.record.figures.k}`));
	return {
		id: 'combined-risk',
		title: {
			ja: '連結した表の組合せによる再識別リスク',
			en: 'Re-identification risk of the linked tables combined'
		},
		status: linked ? 'review' : 'met',
		evidence: linked
			? {
					ja: `各表で達成した値 ${ks}。表を連結すると準識別子が組み合わさります。連結後のリスクを確認してください`,
					en: `Reached per table: ${ks}. Linking the tables combines their quasi-identifiers; confirm the risk of the joined data`
				}
			: { ja: `表は連結されていません: ${ks}`, en: `The tables are not linked: ${ks}` }
	};
}

function releaseChecklist(input: ReleaseRecordInput): ChecklistItem[] {
	const { preset, tables, linkedBy } = input;
	const items = [
		tablesChecklistsItem(tables),
		linkingCodesItem(preset, tables),
		linkingItem(preset, tables, linkedBy)
	];
	if (preset !== 'hipaa') items.push(optOutItem(input.optOut, tables));
	if (preset === 'anonymous') items.push(combinedRiskItem(tables, linkedBy));
	return items;
}

/** Synchronous: everything is already in the tables' records. */
export function buildReleaseRecord(input: ReleaseRecordInput): ReleaseRecord {
	const records = input.tables.map((t) => t.record.records);
	return {
		format: 'tokumei-release-record',
		version: 1,
		toolVersion: input.toolVersion,
		createdAt: input.createdAt,
		preset: input.preset,
		inputs: input.tables.flatMap((t) => t.record.inputs.map((f) => ({ table: t.name, ...f }))),
		totals: {
			tables: input.tables.length,
			records: {
				in: records.reduce((sum, r) => sum + r.in, 0),
				out: records.reduce((sum, r) => sum + r.out, 0)
			}
		},
		optOut: input.optOut ? { ...input.optOut } : null,
		linkedBy: input.linkedBy,
		checklist: releaseChecklist(input),
		tables: input.tables.map((t) => ({ name: t.name, record: t.record }))
	};
}

/** The record as pretty JSON (stable: built with a fixed key order above). */
export function releaseRecordJson(record: ReleaseRecord): string {
	return JSON.stringify(record, null, '\t') + '\n';
}
