/**
 * Column-name keyword matching for the role detectors. Japanese headers are matched by substring
 * (氏名 in 患者氏名), English headers by whole words after splitting camelCase, snake_case and
 * punctuation, so `id` matches `patient_id` and `PatientID` but not `valid`, and `age` not `stage`.
 */

export interface Keywords {
	/** Substrings, compared after NFKC and lower-casing. */
	ja?: readonly string[];
	/** Words or word sequences. */
	en?: readonly string[];
	/** English words that cancel an English hit (`drug name` is not a person's name). */
	enExclude?: readonly string[];
	/** A pattern tested on the normalized name (e.g. JLAC10 17-character codes). */
	pattern?: RegExp;
}

export function nameWords(name: string): string[] {
	return name
		.normalize('NFKC')
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter((w) => w !== '');
}

function containsSequence(words: readonly string[], phrase: readonly string[]): boolean {
	for (let i = 0; i + phrase.length <= words.length; i++) {
		if (phrase.every((p, j) => words[i + j] === p)) return true;
	}
	return false;
}

/** Whether 2–3 adjacent words written together spell the keyword (`Zip Code` for `zipcode`, `e mail`). */
function joinsTo(words: readonly string[], joined: string): boolean {
	for (let i = 0; i < words.length; i++) {
		let text = words[i];
		for (let j = i + 1; j < Math.min(words.length, i + 3); j++) {
			text += words[j];
			if (text === joined) return true;
		}
	}
	return false;
}

/** The keyword of `keywords` that the column name contains, or undefined. */
export function keywordHit(name: string, keywords: Keywords): string | undefined {
	const normalized = name.normalize('NFKC').toLowerCase();
	for (const k of keywords.ja ?? []) if (normalized.includes(k.normalize('NFKC').toLowerCase())) return k;
	const words = nameWords(name);
	if (keywords.en && !(keywords.enExclude ?? []).some((x) => words.includes(x))) {
		for (const k of keywords.en) {
			const phrase = k.split(/[^a-z0-9]+/).filter((w) => w !== '');
			if (containsSequence(words, phrase) || joinsTo(words, phrase.join(''))) return k;
		}
	}
	if (keywords.pattern && keywords.pattern.test(normalized)) return normalized.match(keywords.pattern)![0];
	return undefined;
}
