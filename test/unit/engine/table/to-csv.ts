/** Serializes rows as RFC 4180 CSV, quoting only where needed (and an empty cell of a one-column row). */
export function toCsv(rows: string[][], delimiter: string, lineBreaks: string[]): string {
	const quote = (cell: string, width: number) =>
		/[",\t;|\r\n]/.test(cell) || cell.includes(delimiter) || (width === 1 && cell === '')
			? `"${cell.replaceAll('"', '""')}"`
			: cell;
	return rows
		.map((row, i) => row.map((c) => quote(c, row.length)).join(delimiter) + lineBreaks[i % lineBreaks.length])
		.join('');
}
