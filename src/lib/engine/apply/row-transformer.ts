/**
 * Pass 2 of applying a project: turns one raw record into its output record — generalized QIs (the
 * marker for suppressed classes), identifiers removed or replaced, dates shifted per patient. The same
 * transformer runs in the browser worker and in `tokumei apply`, so both write the same bytes.
 */
import type { ApplySettings } from './apply-config';
import { ApplyError, type QiGeneralizer } from './class-census';
import type { SuppressionDecision } from './suppression';
import type { KeyedMapper } from '../pseudonym/keyed-mapper';
import { shiftDate } from '../pseudonym/date-shift';
import { normalizePatientId } from '../optout/normalize';

type Step =
	| { kind: 'copy'; column: number }
	| { kind: 'qi'; q: number }
	| { kind: 'id'; column: number; mapper: 'pseudonym' | 'surrogate'; key: (value: string) => string }
	| { kind: 'date'; column: number; name: string };

export interface Mappers {
	/** Keyed by the user's secret (pseudonym treatment). */
	pseudonym?: KeyedMapper;
	/** Keyed by a random per-release key (surrogate treatment and date shifting without a key). */
	release: KeyedMapper;
}

export class RowTransformer {
	readonly header: string[] = [];
	private readonly steps: Step[] = [];
	private readonly codes: Int32Array;
	private readonly patientColumn: number;
	/** Masked QI cells written so far (suppressed records × QIs, with `mask`). */
	suppressedCells = 0;
	suppressedRecords = 0;

	constructor(
		inputHeader: readonly string[],
		private readonly qis: readonly QiGeneralizer[],
		private readonly settings: ApplySettings,
		private readonly decision: SuppressionDecision,
		private readonly mappers: Mappers
	) {
		this.patientColumn = settings.patient.id === undefined ? -1 : inputHeader.indexOf(settings.patient.id);
		inputHeader.forEach((name, column) => {
			const treatment = settings.treatments[name] ?? 'keep';
			if (treatment === 'remove') return;
			this.header.push(name);
			if (treatment === 'generalize')
				this.steps.push({ kind: 'qi', q: qis.findIndex((q) => q.column === column) });
			else if (treatment === 'pseudonym' || treatment === 'surrogate') {
				if (treatment === 'pseudonym' && !mappers.pseudonym) {
					throw new ApplyError(
						'BAD_INPUT',
						`attributes.${name}.treatment: "pseudonym" needs a key (--key-file or TOKUMEI_PSEUDONYM_KEY)`
					);
				}
				// The patient ID links the tables of a release: written with full-width digits or a stray
				// space it is still the same patient (as opt-out matching reads it), so the same surrogate.
				const key = column === this.patientColumn ? normalizePatientId : (value: string) => value;
				this.steps.push({ kind: 'id', column, mapper: treatment, key });
			} else if (treatment === 'date-shift') this.steps.push({ kind: 'date', column, name });
			else this.steps.push({ kind: 'copy', column });
		});
		this.codes = new Int32Array(qis.length);
	}

	/** The key-derived values of one batch (Web Crypto is asynchronous; transform is not). */
	async prepare(rows: readonly (readonly string[])[]): Promise<void> {
		for (const step of this.steps) {
			if (step.kind === 'id') {
				const mapper = step.mapper === 'pseudonym' ? this.mappers.pseudonym! : this.mappers.release;
				await mapper.prepareIds(rows.map((row) => step.key(row[step.column] ?? '')));
			} else if (step.kind === 'date') {
				await this.dateMapper().prepareOffsets(rows.map((row) => this.patientKey(row)));
			}
		}
	}

	/** The patient a record belongs to, as date shifts and opt-out read it (normalized ID). */
	private patientKey(row: readonly string[]): string {
		return normalizePatientId(row[this.patientColumn] ?? '');
	}

	/** Date offsets come from the user's key when one is given (stable across releases), else per release. */
	private dateMapper(): KeyedMapper {
		return this.mappers.pseudonym ?? this.mappers.release;
	}

	/** The output record, or null when the record is suppressed and suppressed records are removed. */
	transform(row: readonly string[], record: number): string[] | null {
		const qis = this.qis;
		// A peculiar-value decision suppresses the record whatever its class (not against the limit).
		let decided = false;
		for (let q = 0; q < qis.length; q++) {
			const code = qis[q].code(row[qis[q].column] ?? '', record);
			if (code < 0) decided = true;
			this.codes[q] = code;
		}
		const suppressed =
			decided ||
			(this.decision.suppressed.size > 0 &&
				this.decision.suppressed.has(this.decision.keyer.key(this.codes)));
		if (suppressed) {
			this.suppressedRecords++;
			if (this.settings.output.suppressedRecords === 'remove') return null;
			this.suppressedCells += qis.length;
		}
		const marker = this.settings.output.marker;
		const out = new Array<string>(this.steps.length);
		for (let i = 0; i < this.steps.length; i++) {
			const step = this.steps[i];
			switch (step.kind) {
				case 'copy':
					out[i] = row[step.column] ?? '';
					break;
				case 'qi':
					out[i] = suppressed ? marker : qis[step.q].values[this.codes[step.q]];
					break;
				case 'id': {
					const mapper = step.mapper === 'pseudonym' ? this.mappers.pseudonym! : this.mappers.release;
					out[i] = mapper.id(step.key(row[step.column] ?? ''));
					break;
				}
				case 'date': {
					const offset = this.dateMapper().offset(this.patientKey(row));
					try {
						out[i] = shiftDate(row[step.column] ?? '', offset);
					} catch (error) {
						throw new ApplyError(
							'BAD_INPUT',
							`record ${record}: "${step.name}": ${(error as Error).message}`
						);
					}
					break;
				}
			}
		}
		return out;
	}
}
