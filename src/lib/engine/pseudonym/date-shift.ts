/**
 * Shifts a date cell by whole days, keeping its written format (2024/04/01, 20240401; ISO, 和暦 and UKE
 * dates are written back as ISO dates, a time of day is dropped). Empty or unparsable cells are returned unchanged only
 * when empty; anything else that is not a date is an error, since keeping it would leak a true date.
 */
import { parseDateWithFormat } from '../jp/era';

const DAY_MS = 86_400_000;

export class DateShiftError extends Error {
	readonly code = 'BAD_DATE';
	constructor(message: string) {
		super(message);
		this.name = 'DateShiftError';
	}
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function shiftDate(value: string, days: number): string {
	const trimmed = value.trim();
	if (trimmed === '') return value;
	const parsed = parseDateWithFormat(trimmed);
	if (!parsed) throw new DateShiftError(`"${value}" is not a date`);
	const shifted = new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.day) + days * DAY_MS);
	const y = pad(shifted.getUTCFullYear(), 4);
	const m = pad(shifted.getUTCMonth() + 1);
	const d = pad(shifted.getUTCDate());
	if (parsed.format === 'yyyymmdd') return `${y}${m}${d}`;
	if (parsed.format === 'yyyy/mm/dd') return `${y}/${m}/${d}`;
	return `${y}-${m}-${d}`;
}
