/**
 * The project-file fields that `apply`, the browser export and `sql` read on top of what
 * parseProjectConfig validates (it keeps unknown keys): per-attribute `treatment`, the `patient`
 * column map and `output`. Validated here with messages naming the field.
 */
import { ConfigError, type ProjectConfig } from '../config/project-config';
import { OUTPUT_ENCODINGS, type OutputDelimiter, type OutputEncoding } from '../export/delimited-writer';

/**
 * What happens to a column on output. Identifying columns are removed unless they are linking IDs
 * replaced by a `surrogate` (random per release, 匿名加工 measure 3) or a keyed `pseudonym`
 * (HMAC-SHA-256, 仮名加工); `date-shift` moves dates by a per-patient keyed offset.
 */
export type Treatment = 'keep' | 'generalize' | 'remove' | 'surrogate' | 'pseudonym' | 'date-shift';

/** Columns that identify the patient (opt-out matching, patient counts, date shifting). */
export interface PatientColumns {
	id?: string;
	insurer?: string;
	symbol?: string;
	number?: string;
	kanaName?: string;
	birthDate?: string;
	sex?: string;
	/** Date of each record (the notice-period exclusion compares it with notice date + N days). */
	eventDate?: string;
}

export interface OutputConfig {
	encoding: OutputEncoding;
	delimiter: OutputDelimiter;
	/** Written in place of suppressed values (ARX writes `*`). */
	marker: string;
	/** Suppressed records: QI cells masked with the marker (ARX) or the whole record left out. */
	suppressedRecords: 'mask' | 'remove';
	/** Largest absolute per-patient date shift in days (date-shift treatment). */
	dateShiftDays: number;
	/** Opt-out notice period: records earlier than notice date + N days are excluded. */
	noticeDays: number;
}

export interface ApplySettings {
	treatments: Record<string, Treatment>;
	patient: PatientColumns;
	output: OutputConfig;
}

const TREATMENTS: readonly Treatment[] = [
	'keep',
	'generalize',
	'remove',
	'surrogate',
	'pseudonym',
	'date-shift'
];
/** The fields of the project's `patient` (the columns that name the patient), in display order. */
export const PATIENT_FIELDS: readonly (keyof PatientColumns)[] = [
	'id',
	'insurer',
	'symbol',
	'number',
	'kanaName',
	'birthDate',
	'sex',
	'eventDate'
];

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function defaultTreatment(role: string): Treatment {
	if (role === 'identifying') return 'remove';
	if (role === 'quasi-identifying') return 'generalize';
	return 'keep';
}

/** Reads the apply settings of a validated project; `columns` are the data's column names. */
export function applySettings(config: ProjectConfig, columns: readonly string[]): ApplySettings {
	const treatments: Record<string, Treatment> = {};
	for (const name of columns) {
		const attribute = config.attributes[name];
		const role = attribute?.role ?? 'insensitive';
		const raw = attribute?.treatment;
		const field = `attributes.${name}.treatment`;
		if (raw === undefined) {
			treatments[name] = defaultTreatment(role);
			continue;
		}
		if (typeof raw !== 'string' || !TREATMENTS.includes(raw as Treatment)) {
			throw new ConfigError(`${field}: expected one of ${TREATMENTS.map((t) => `"${t}"`).join(', ')}`);
		}
		const treatment = raw as Treatment;
		if (role === 'quasi-identifying' && treatment !== 'generalize') {
			throw new ConfigError(`${field}: a quasi-identifying attribute is always generalized`);
		}
		if (role !== 'quasi-identifying' && treatment === 'generalize') {
			throw new ConfigError(`${field}: only quasi-identifying attributes are generalized`);
		}
		if (role === 'identifying' && (treatment === 'keep' || treatment === 'date-shift')) {
			// 匿名加工 measures 1–3 (DOMAIN.md §1.2): identifiers are deleted or replaced, never kept.
			throw new ConfigError(
				`${field}: an identifying attribute is removed, or replaced by "surrogate" or "pseudonym"`
			);
		}
		treatments[name] = treatment;
	}

	const patient: PatientColumns = {};
	if (config.patient !== undefined) {
		if (!isObject(config.patient)) throw new ConfigError('patient: expected an object of column names');
		for (const [key, value] of Object.entries(config.patient)) {
			if (!PATIENT_FIELDS.includes(key as keyof PatientColumns)) {
				throw new ConfigError(`patient.${key}: unknown field (known: ${PATIENT_FIELDS.join(', ')})`);
			}
			if (typeof value !== 'string' || !columns.includes(value)) {
				throw new ConfigError(
					`patient.${key}: expected the name of a data column, got ${JSON.stringify(value)}`
				);
			}
			patient[key as keyof PatientColumns] = value;
		}
	}
	if (Object.values(treatments).includes('date-shift') && !patient.id) {
		throw new ConfigError('patient.id: date shifting needs the patient ID column');
	}

	const raw = config.output === undefined ? {} : config.output;
	if (!isObject(raw)) throw new ConfigError('output: expected an object');
	const encoding = raw.encoding ?? 'utf-8';
	if (!OUTPUT_ENCODINGS.includes(encoding as OutputEncoding)) {
		throw new ConfigError(
			`output.encoding: expected one of ${OUTPUT_ENCODINGS.map((e) => `"${e}"`).join(', ')}`
		);
	}
	const delimiter = raw.delimiter ?? ',';
	if (delimiter !== ',' && delimiter !== '\t')
		throw new ConfigError('output.delimiter: expected "," or "\\t"');
	const marker = raw.marker ?? '*';
	if (typeof marker !== 'string') throw new ConfigError('output.marker: expected a string');
	const suppressedRecords = raw.suppressedRecords ?? 'mask';
	if (suppressedRecords !== 'mask' && suppressedRecords !== 'remove') {
		throw new ConfigError('output.suppressedRecords: expected "mask" or "remove"');
	}
	const days = (value: unknown, field: string, fallback: number) => {
		const n = value ?? fallback;
		if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 3650) {
			throw new ConfigError(`${field}: expected a whole number of days between 0 and 3650`);
		}
		return n;
	};
	return {
		treatments,
		patient,
		output: {
			encoding: encoding as OutputEncoding,
			delimiter,
			marker,
			suppressedRecords,
			dateShiftDays: days(raw.dateShiftDays, 'output.dateShiftDays', 30),
			noticeDays: days(raw.noticeDays, 'output.noticeDays', 30)
		}
	};
}
