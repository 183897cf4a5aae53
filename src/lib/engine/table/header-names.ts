/**
 * Makes header names usable as column keys: an empty (or blank) name becomes `column_<position>` (1-based)
 * and a repeated name gets `_2`, `_3`, … (skipping names that already exist). Other names are kept verbatim.
 */
export function uniqueHeaderNames(raw: readonly string[]): {
	names: string[];
	renamedEmpty: number[];
	renamedDuplicate: number[];
} {
	const taken = new Set(raw.filter((name) => name.trim() !== ''));
	const used = new Set<string>();
	const renamedEmpty: number[] = [];
	const renamedDuplicate: number[] = [];
	const names = raw.map((name, i) => {
		let base = name;
		if (name.trim() === '') {
			renamedEmpty.push(i + 1);
			base = `column_${i + 1}`;
			if (!taken.has(base) && !used.has(base)) {
				used.add(base);
				return base;
			}
		} else if (!used.has(name)) {
			used.add(name);
			return name;
		} else {
			renamedDuplicate.push(i + 1);
		}
		let k = 2;
		while (taken.has(`${base}_${k}`) || used.has(`${base}_${k}`)) k++;
		const unique = `${base}_${k}`;
		used.add(unique);
		return unique;
	});
	return { names, renamedEmpty, renamedDuplicate };
}

/** Default names when a file has no header row. */
export function positionalNames(count: number): string[] {
	return Array.from({ length: count }, (_, i) => `column_${i + 1}`);
}
