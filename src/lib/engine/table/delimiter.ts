export type Delimiter = ',' | '\t' | ';' | '|';

const CANDIDATES: readonly Delimiter[] = [',', '\t', ';', '|'];
const MAX_RECORDS = 100;

/**
 * Counts each candidate delimiter per record (outside double quotes, so quoted commas and line breaks do not
 * count) over the first records of the sample and picks the one whose count is most consistent across
 * records, then the one with most fields — the approach of Python's csv.Sniffer, simplified to the four
 * delimiters people use. The last record is ignored when the sample ends mid-record. Defaults to ','.
 */
export function detectDelimiter(sampleText: string): Delimiter {
	const text = sampleText.charCodeAt(0) === 0xfeff ? sampleText.slice(1) : sampleText;
	const counts: number[][] = CANDIDATES.map(() => []);
	const current = CANDIDATES.map(() => 0);
	let inQuotes = false;
	let atFieldStart = true;
	let recordHasContent = false;
	const endRecord = () => {
		if (recordHasContent) CANDIDATES.forEach((_, k) => counts[k].push(current[k]));
		current.fill(0);
		recordHasContent = false;
	};
	for (let i = 0; i < text.length && counts[0].length < MAX_RECORDS; i++) {
		const ch = text[i];
		if (inQuotes) {
			if (ch === '"') {
				if (text[i + 1] === '"') i++;
				else inQuotes = false;
			}
			continue;
		}
		if (ch === '"' && atFieldStart) {
			inQuotes = true;
			atFieldStart = false;
			recordHasContent = true;
			continue;
		}
		if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			endRecord();
			atFieldStart = true;
			continue;
		}
		const k = CANDIDATES.indexOf(ch as Delimiter);
		if (k >= 0) {
			current[k]++;
			atFieldStart = true;
		} else {
			atFieldStart = false;
		}
		recordHasContent = true;
	}
	// A sample that ends without a line break was cut mid-record unless it holds a single record.
	if (recordHasContent && counts[0].length === 0) endRecord();

	let best: Delimiter = ',';
	let bestScore = -1;
	CANDIDATES.forEach((delimiter, k) => {
		const perRecord = counts[k];
		if (perRecord.length === 0) return;
		const frequency = new Map<number, number>();
		for (const n of perRecord) frequency.set(n, (frequency.get(n) ?? 0) + 1);
		let mode = 0;
		let modeCount = 0;
		for (const [n, c] of frequency) {
			if (n > 0 && (c > modeCount || (c === modeCount && n > mode))) {
				mode = n;
				modeCount = c;
			}
		}
		if (mode === 0) return;
		const consistency = modeCount / perRecord.length;
		// Consistency dominates; the field count breaks ties between equally consistent candidates.
		const score = consistency * 1000 + Math.min(mode, 999);
		if (score > bestScore) {
			best = delimiter;
			bestScore = score;
		}
	});
	return best;
}
