/**
 * Several tables in one release (issue 6). Prepares the options each table's applyRows runs with:
 *  - one random per-release KeyedMapper (KeyedMapper.ephemeral), so a linking ID's surrogate and a
 *    patient's key-less date shift are the same in every table of the release and differ from any
 *    other release (匿名加工 measure 3, DOMAIN.md §1.2);
 *  - the opt-out list linked across the tables (optout/link-patients.ts): a patient matched in one
 *    table by insurance number or kana name is removed, by patient ID, from every table (§1.7);
 *  - release-level opt-out counts (entries matched in any table, distinct patients removed) taken from
 *    what the applies removed (optout/release-tally.ts).
 * The date-shift range must be one for the release (a patient's dates move by one offset in every
 * table): the release's `output.dateShiftDays` override when given, else the value every date-shifting
 * table agrees on; tables that disagree are refused. Likewise the notice period when the list has
 * notice dates.
 */
import { ConfigError } from '../config/project-config';
import { linkOptOutPatients } from '../optout/link-patients';
import { OptOutError, OptOutMatcher, type OptOutCounts, type OptOutEntry } from '../optout/opt-out';
import { ReleaseOptOutTally } from '../optout/release-tally';
import { KeyedMapper } from '../pseudonym/keyed-mapper';
import { applySettings, type ApplySettings, type OutputConfig } from './apply-config';
import type { ApplyInput, ApplyOptions, ApplyProject } from './apply-rows';

export interface ReleaseTable {
	/** Shown in messages and records (e.g. the data file's name). */
	readonly name: string;
	readonly project: ApplyProject;
	readonly input: ApplyInput;
}

export interface ReleaseOptions {
	/** The user's secret key (pseudonym treatment; key-based date shifts). */
	pseudonymKey?: Uint8Array;
	/** The parsed opt-out list (parseOptOutList); matched on the raw data of every table. */
	optOut?: readonly OptOutEntry[];
	/** Overrides of every table's `output` settings. */
	output?: Partial<OutputConfig>;
}

export interface PreparedTable {
	readonly name: string;
	/** Pass to applyRows(table.project, table.input, options). */
	readonly options: ApplyOptions;
}

export interface PreparedRelease {
	/** In the order given. */
	readonly tables: readonly PreparedTable[];
	/** The release's largest date shift in days (the shared mapper's). */
	readonly dateShiftDays: number;
	/** Tables the opt-out linking scan read (0 without a list or when no table links IDs). */
	readonly optOutLinkedTables: number;
	/**
	 * The patient ID columns that join the released tables (replaced by a surrogate or a pseudonym in
	 * at least two tables), for the release record; null when no two tables can be joined.
	 */
	readonly linkedBy: string | null;
	/**
	 * Release-level opt-out counts of the applies run so far with these options (exact once every
	 * table has been applied; a table applied again replaces its share); null without a list.
	 */
	optOutCounts(): OptOutCounts | null;
}

/** The one value the tables agree on for an output setting, or a ConfigError naming them. */
function agreedValue(
	tables: readonly { name: string; settings: ApplySettings }[],
	field: 'dateShiftDays' | 'noticeDays'
): number | undefined {
	const values = new Set(tables.map((t) => t.settings.output[field]));
	if (values.size > 1) {
		throw new ConfigError(
			`output.${field}: the tables of a release must agree (${tables
				.map((t) => `${t.name}: ${t.settings.output[field]}`)
				.join(', ')}); set the same value in every project or give it for the whole release.`
		);
	}
	return values.values().next().value;
}

/** Links the opt-out list across the tables and makes the release's shared mapper. */
export async function prepareRelease(
	tables: readonly ReleaseTable[],
	options: ReleaseOptions = {}
): Promise<PreparedRelease> {
	if (tables.length === 0) throw new ConfigError('A release needs at least one table.');
	const read = tables.map((table) => {
		const base = applySettings(table.project.config, table.input.header);
		const settings = { ...base, output: { ...base.output, ...options.output } };
		return { ...table, settings };
	});
	const dateShifting = read.filter((t) => Object.values(t.settings.treatments).includes('date-shift'));
	const dateShiftDays = agreedValue(dateShifting, 'dateShiftDays') ?? read[0].settings.output.dateShiftDays;
	const release = await KeyedMapper.ephemeral(dateShiftDays);

	const list = options.optOut ?? [];
	let tally: ReleaseOptOutTally | null = null;
	let optOutLinkedTables = 0;
	if (list.length > 0) {
		if (list.some((e) => e.noticeDate !== undefined)) agreedValue(read, 'noticeDays');
		const linking = await linkOptOutPatients(
			list,
			read.map((t) => ({
				header: t.input.header,
				patient: t.settings.patient,
				batches: () => t.input.batches()
			}))
		);
		optOutLinkedTables = linking.tablesScanned;
		// Refuse before any output: a table the list cannot be matched in would keep opted-out patients.
		for (const t of read) {
			try {
				new OptOutMatcher(linking.entries, t.input.header, t.settings.patient, t.settings.output.noticeDays);
			} catch (error) {
				if (error instanceof OptOutError) throw new OptOutError(`${t.name}: ${error.message}`);
				throw error;
			}
		}
		tally = new ReleaseOptOutTally(
			linking.entries,
			read.some((t) => t.settings.patient.id !== undefined)
		);
	}

	const joiningIds = read.flatMap((t) => {
		const id = t.settings.patient.id;
		const treatment = id === undefined ? undefined : t.settings.treatments[id];
		return treatment === 'surrogate' || treatment === 'pseudonym' ? [id!] : [];
	});
	return {
		tables: read.map((t) => {
			const applyOptions: ApplyOptions = { release };
			if (options.pseudonymKey) applyOptions.pseudonymKey = options.pseudonymKey;
			if (options.output) applyOptions.output = options.output;
			if (tally) applyOptions.optOut = tally.listForTable();
			return { name: t.name, options: applyOptions };
		}),
		dateShiftDays,
		optOutLinkedTables,
		linkedBy: joiningIds.length < 2 ? null : [...new Set(joiningIds)].join(', '),
		optOutCounts: () => (tally ? tally.counts() : null)
	};
}
