/**
 * The Export step's state on the page (issue 6): treatments, the patient column map and the output
 * settings live in the project (the fields `tokumei apply` reads: attributes.*.treatment, `patient`,
 * `output`), so a saved project runs with the CLI and gives the same bytes. The pseudonymization
 * key, the opt-out list and the original file live only here, in memory: never in the project, the
 * export, the record, localStorage or OPFS.
 */
import type { OutputConfig, PatientColumns, Treatment } from '$lib/engine/apply/apply-config';
import type { RoleReason } from '$lib/engine/jp/identifier-rules';
import { bytesToBase64, bytesToHex, generateKeyBytes, parseKey } from '$lib/engine/pseudonym/hmac';
import type { ExportFormat, ExportOutcome, ExportProgress, OptOutCheck } from '../../../workers/export-types';
import type { Design } from './design.svelte';
import type { EngineClient } from './engine-client';
import { errorCode, errorMessage } from './errors';
import { strToU8, zipSync } from 'fflate';
import { presetOfProject } from '$lib/engine/report/checklist';
import { quoteShellWord, uniqueFileNames } from './file-names';
import { guessPatientColumns, type PatientField } from './patient-columns';
import type { Project, TableSummary } from './types';

/** A loaded table as the release panel lists it. */
export interface ReleaseCandidate {
	readonly table: TableSummary;
	/** The table whose design is open: always in the release, and its output settings hold for all. */
	readonly active: boolean;
	/** Its design (null: never designed — it cannot be released). */
	readonly design: Project | null;
	readonly included: boolean;
}

export { PATIENT_FIELDS, type PatientField } from './patient-columns';

const DATE_REASONS: readonly RoleReason[] = ['birth-date', 'death-date', 'event-date', 'date'];

/** Defaults of apply-config.ts applySettings, shown when the project has no `output` yet. */
export const OUTPUT_DEFAULTS: OutputConfig = {
	encoding: 'utf-8',
	delimiter: ',',
	marker: '*',
	suppressedRecords: 'mask',
	dateShiftDays: 30,
	noticeDays: 30
};

/** The treatments a column can have under its role (apply-config.ts refuses the others). */
export function treatmentChoices(role: string, isDate: boolean): Treatment[] {
	if (role === 'identifying') return ['remove', 'surrogate', 'pseudonym'];
	if (role === 'quasi-identifying') return ['generalize'];
	return isDate ? ['keep', 'remove', 'date-shift'] : ['keep', 'remove'];
}

export function defaultTreatment(role: string): Treatment {
	if (role === 'identifying') return 'remove';
	if (role === 'quasi-identifying') return 'generalize';
	return 'keep';
}

/** Start a browser download of bytes or text (an object URL, revoked once the click is handled). */
export function download(data: Uint8Array | string, fileName: string, mimeType: string): void {
	const blob = new Blob([data as BlobPart], { type: mimeType });
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	a.rel = 'noopener';
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export type LastExport = Omit<ExportOutcome, 'bytes'> & { format: ExportFormat };

export class ExportState {
	/** The key (hex) in memory only; '' when none. */
	key = $state('');
	/** A freshly generated key is shown once, in hex and base64, until the person confirms. */
	revealed = $state<{ hex: string; base64: string } | null>(null);
	keyError = $state<string | null>(null);
	optOut = $state.raw<{ file: File; check: OptOutCheck } | null>(null);
	optOutError = $state<string | null>(null);
	/** The open table's imported file, picked again after a reload (kept with the table it is for). */
	private picked = $state.raw<{ tableId: string; file: File } | null>(null);
	job = $state.raw<{ jobId: string; format: ExportFormat; progress: ExportProgress | null } | null>(null);
	last = $state.raw<LastExport | null>(null);
	error = $state<string | null>(null);
	/**
	 * Other designed tables the person put into the release. None by default: a table opened once in
	 * a rule step has a design from the proposals, which nobody may have checked.
	 */
	chosen = $state.raw<readonly string[]>([]);

	constructor(
		private readonly design: Design,
		private readonly client: () => EngineClient
	) {}

	get project(): Project {
		return this.design.project;
	}

	get tableId(): string | undefined {
		return this.project.ui?.tableId;
	}

	/** The file picked again for the open table (a file picked for another table does not count). */
	get original(): File | null {
		return this.picked && this.picked.tableId === this.tableId ? this.picked.file : null;
	}

	get output(): OutputConfig {
		return { ...OUTPUT_DEFAULTS, ...(this.project.output as Partial<OutputConfig> | undefined) };
	}

	get patient(): PatientColumns {
		return (this.project.patient as PatientColumns | undefined) ?? {};
	}

	treatmentOf(name: string): Treatment {
		const a = this.project.attributes[name];
		return (a?.treatment as Treatment | undefined) ?? defaultTreatment(a?.role ?? 'insensitive');
	}

	isDateColumn(name: string): boolean {
		const reason = this.design.proposals.find((p) => p.name === name)?.proposal.reason;
		return reason !== undefined && DATE_REASONS.includes(reason);
	}

	/** Whether an export needs the key (a pseudonym treatment in any table of the release). */
	needsKey(tables: readonly TableSummary[]): boolean {
		return this.releaseProjects(tables).some((p) =>
			Object.entries(p.attributes).some(([, a]) => a.treatment === 'pseudonym')
		);
	}

	/** Every loaded table, the active one first, with its design and whether it is in the release. */
	candidates(tables: readonly TableSummary[]): ReleaseCandidate[] {
		const activeId = this.tableId;
		const ordered = [...tables.filter((t) => t.id === activeId), ...tables.filter((t) => t.id !== activeId)];
		return ordered.map((table) => {
			const active = table.id === activeId;
			const saved = active ? this.project : (this.design.designOf(table.id) ?? null);
			const design = saved && Object.keys(saved.attributes).length > 0 ? saved : null;
			return {
				table,
				active,
				design,
				included: active || (design !== null && this.chosen.includes(table.id))
			};
		});
	}

	/** Puts a designed table into the release or takes it out (the active table always stays in). */
	include(tableId: string, included: boolean): void {
		const others = this.chosen.filter((id) => id !== tableId);
		this.chosen = included ? [...others, tableId] : others;
	}

	/** `<stem>.tokumei.json` for each table of the release (unique, see uniqueFileNames). */
	releaseProjectNames(tables: readonly TableSummary[]): string[] {
		const names = this.candidates(tables).flatMap((c) => (c.included && c.design ? [c.table.name] : []));
		return uniqueFileNames(names, '', '.tokumei.json');
	}

	/**
	 * The command that runs the same release on the full extracts (project files beside the data):
	 * the same preset for the record, the opt-out list and the key file when the release uses them.
	 */
	releaseCommand(tables: readonly TableSummary[]): string {
		const projects = this.releaseProjectNames(tables).map(quoteShellWord);
		const parts = ['npx tokumei release', ...projects, '--out-dir release/'];
		parts.push(`--preset ${presetOfProject(this.project)}`);
		if (this.optOut) parts.push(`--optout ${quoteShellWord(this.optOut.file.name)}`);
		if (this.needsKey(tables)) parts.push('--key-file pseudonym-key.txt');
		parts.push('--report release-record.html');
		return parts.join(' ');
	}

	/**
	 * Every table's project file in one ZIP, for `npx tokumei release`. Each carries the open table's
	 * output settings, which the browser's release applies to all tables, so the CLI does the same.
	 */
	async downloadReleaseProjects(tables: readonly TableSummary[]): Promise<void> {
		const included = this.candidates(tables).filter((c) => c.included && c.design);
		const names = this.releaseProjectNames(tables);
		const output = $state.snapshot(this.output);
		const entries: Record<string, Uint8Array> = {};
		try {
			for (const [i, c] of included.entries()) {
				const design = { ...($state.snapshot(c.design) as Project), output };
				const file = await this.client().projectFile(c.table.id, design, c.table.name);
				entries[names[i]] = strToU8(JSON.stringify(file, null, '\t') + '\n');
			}
			download(zipSync(entries, { level: 6 }), 'tokumei-release-projects.zip', 'application/zip');
		} catch (error) {
			this.error = errorMessage(error);
		}
	}

	private releaseProjects(tables: readonly TableSummary[]): Project[] {
		return this.candidates(tables).flatMap((c) => (c.included && c.design ? [c.design] : []));
	}

	private save(next: Project): void {
		// Treatments and output do not change the live risk: no refresh.
		this.design.update(next, { risk: false });
	}

	setTreatment(name: string, treatment: Treatment): void {
		const current = this.project.attributes[name] ?? { role: 'insensitive' as const };
		this.save({
			...this.project,
			attributes: { ...this.project.attributes, [name]: { ...current, treatment } }
		});
	}

	setPatient(field: PatientField, column: string): void {
		const next: PatientColumns = { ...this.patient };
		if (column === '') delete next[field];
		else next[field] = column;
		this.save({ ...this.project, patient: next });
	}

	setOutput(change: Partial<OutputConfig>): void {
		this.save({ ...this.project, output: { ...this.output, ...change } });
	}

	/**
	 * Guesses the patient columns from the role proposals once (a project without `patient`), so
	 * opt-out matching, patient counts and date shifts work without a visit to every select.
	 */
	guessPatientColumns(): void {
		if (this.project.patient !== undefined || this.design.proposals.length === 0) return;
		this.save({ ...this.project, patient: guessPatientColumns(this.design.proposals) });
	}

	/** A new 256-bit key from the platform CSPRNG, shown once for safekeeping. */
	generateKey(): void {
		const bytes = generateKeyBytes();
		this.key = bytesToHex(bytes);
		this.revealed = { hex: this.key, base64: bytesToBase64(bytes) };
		this.keyError = null;
	}

	/** The person has stored the key: it is no longer displayed (it stays in memory for this session). */
	confirmKeySaved(): void {
		this.revealed = null;
	}

	/** A key pasted in (hex or base64, as the CLI's key file or TOKUMEI_PSEUDONYM_KEY). */
	setKey(text: string): void {
		const trimmed = text.trim();
		this.revealed = null;
		this.keyError = null;
		if (trimmed === '') {
			this.key = '';
			return;
		}
		try {
			parseKey(trimmed);
			this.key = trimmed;
		} catch (error) {
			this.key = '';
			this.keyError = errorMessage(error);
		}
	}

	forgetKey(): void {
		this.key = '';
		this.revealed = null;
		this.keyError = null;
	}

	async chooseOptOut(file: File | null): Promise<void> {
		this.optOutError = null;
		if (!file) {
			this.optOut = null;
			return;
		}
		try {
			this.optOut = { file, check: await this.client().checkOptOut(file) };
		} catch (error) {
			this.optOut = null;
			this.optOutError = errorMessage(error);
		}
	}

	chooseOriginal(file: File | null): void {
		const tableId = this.tableId;
		this.picked = file && tableId ? { tableId, file } : null;
	}

	async run(format: ExportFormat, loaded: readonly TableSummary[]): Promise<void> {
		if (!this.tableId || this.job) return;
		this.error = null;
		const tables = this.candidates(loaded)
			.filter((c) => c.included && c.design)
			.map((c) => ({ tableId: c.table.id, project: $state.snapshot(c.design) }));
		const job = this.client().exportTable(
			{
				tables,
				format,
				...(this.key ? { pseudonymKey: this.key } : {}),
				...(this.optOut ? { optOut: this.optOut.file } : {}),
				...(this.original ? { original: this.original } : {})
			},
			(progress) => {
				if (this.job?.jobId === job.jobId) this.job = { ...this.job, progress };
			}
		);
		this.job = { jobId: job.jobId, format, progress: null };
		try {
			const { bytes, ...outcome } = await job.done;
			download(bytes, outcome.fileName, outcome.mimeType);
			this.last = { ...outcome, format };
		} catch (error) {
			this.error = errorCode(error) === 'ABORTED' ? 'ABORTED' : errorMessage(error);
		} finally {
			this.job = null;
		}
	}

	async cancel(): Promise<void> {
		if (!this.job) return;
		await this.client()
			.cancelExport(this.job.jobId)
			.catch(() => undefined);
	}

	downloadRecord(kind: 'json' | 'html', language: 'ja' | 'en'): void {
		if (!this.last) return;
		const stem = this.last.fileName.replace(/\.[^.]*$/, '');
		if (kind === 'json') download(this.last.recordJson, `${stem}-record.json`, 'application/json');
		else download(this.last.recordHtml[language], `${stem}-record.html`, 'text/html');
	}
}

// One state per Design, so the key, the opt-out list and the last export survive switching steps
// (the step's component is remounted) but nothing outlives the page.
const states = new WeakMap<Design, ExportState>();

export function exportStateOf(design: Design, client: () => EngineClient): ExportState {
	let state = states.get(design);
	if (!state) {
		state = new ExportState(design, client);
		states.set(design, state);
	}
	return state;
}
