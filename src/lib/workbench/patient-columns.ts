/**
 * Which columns of a table name the patient (the project's `patient`, read by `tokumei apply`): the
 * ID that links tables, opt-out matching and date shifting use, guessed from the role proposals so a
 * new design has them without a visit to every select of the Export step.
 */
import { PATIENT_FIELDS, type PatientColumns } from '$lib/engine/apply/apply-config';
import type { RoleReason } from '$lib/engine/jp/identifier-rules';
import type { ColumnProposal } from './design-types';

export type PatientField = keyof PatientColumns;
export { PATIENT_FIELDS };

/** The proposals' reasons that name each patient field (jp/identifier-rules). */
const PATIENT_REASONS: Partial<Record<PatientField, readonly RoleReason[]>> = {
	id: ['patient-id'],
	insurer: ['insurer-number'],
	number: ['insurance-card-number'],
	kanaName: ['kana-name'],
	birthDate: ['birth-date'],
	sex: ['sex'],
	eventDate: ['event-date']
};

/** The first column proposed for each field (記号 has no reason of its own: found by name). */
export function guessPatientColumns(proposals: readonly ColumnProposal[]): PatientColumns {
	const guessed: PatientColumns = {};
	for (const field of PATIENT_FIELDS) {
		const reasons = PATIENT_REASONS[field];
		const hit = reasons
			? proposals.find((p) => reasons.includes(p.proposal.reason))
			: field === 'symbol'
				? proposals.find((p) => /記号/.test(p.name))
				: undefined;
		if (hit) guessed[field] = hit.name;
	}
	return guessed;
}
