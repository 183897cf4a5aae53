/**
 * Engine validation messages (English, naming the field by its path, e.g.
 * `hierarchy.levels[1].width: 15 is not a multiple of the previous level's width 10`) turned into a
 * catalog key and parameters where the message is one of the common kinds, so the form can show it in
 * the person's language. Anything else is shown as the engine wrote it (under a translated prefix).
 */
export interface ProblemText {
	key:
		| 'builder.problem.multiple'
		| 'builder.problem.split'
		| 'builder.problem.order'
		| 'builder.problem.follow'
		| 'builder.problem.merge'
		| 'builder.problem.topBottom'
		| 'builder.problem.positive'
		| 'builder.problem.unmapped'
		| 'builder.problem.emptyLabel'
		| 'builder.problem.char'
		| 'builder.problem.postalDigits';
	params: Record<string, string>;
}

/** Level number (1-based) named in a path such as `hierarchy.levels[1]` or `hierarchy.masked[2]`. */
function levelOf(message: string): string {
	const m = /\.(?:levels|masked|lengths|digits)\[(\d+)\]/.exec(message);
	return m ? String(Number(m[1]) + 1) : '';
}

export function problemText(message: string): ProblemText | null {
	const level = levelOf(message);
	let m: RegExpExecArray | null;
	if ((m = /: (\S+) is not a multiple of the previous level's width (\S+)/.exec(message)))
		return { key: 'builder.problem.multiple', params: { level, width: m[1], previous: m[2] } };
	if ((m = /cut (\S+) splits a band of the previous level/.exec(message)))
		return { key: 'builder.problem.split', params: { level, cut: m[1] } };
	if (
		/must (?:strictly )?increase|must mask more characters|must keep fewer characters|keep fewer characters/.test(
			message
		)
	)
		return { key: 'builder.problem.order', params: { level } };
	if ((m = /"([^"]+)" cannot follow "([^"]+)"/.exec(message)))
		return { key: 'builder.problem.follow', params: { level, value: m[1], previous: m[2] } };
	if ((m = /"([^"]+)" does not merge whole bands of "([^"]+)"/.exec(message)))
		return { key: 'builder.problem.merge', params: { level, value: m[1], previous: m[2] } };
	if (/must be greater than bottom/.test(message)) return { key: 'builder.problem.topBottom', params: {} };
	if ((m = /expected a positive (?:integer|number), got (.+)$/.exec(message)))
		return { key: 'builder.problem.positive', params: { level, value: m[1] } };
	if ((m = /groups builder: (".*") is not mapped to a group/.exec(message)))
		return { key: 'builder.problem.unmapped', params: { value: m[1] } };
	if (/a label cannot be empty/.test(message)) return { key: 'builder.problem.emptyLabel', params: {} };
	if (/expected a single character/.test(message)) return { key: 'builder.problem.char', params: {} };
	if (/a postal code has 7 digits/.test(message)) return { key: 'builder.problem.postalDigits', params: {} };
	return null;
}
