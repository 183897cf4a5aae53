/** Longest text a cell or list item shows; a 10 MB field would otherwise stall layout for seconds. */
export const MAX_SHOWN_CHARS = 1000;

/** The start of `text`, cut at a code point boundary, with an ellipsis when cut. */
export function clipText(text: string, max = MAX_SHOWN_CHARS): string {
	if (text.length <= max) return text;
	let end = max;
	const code = text.charCodeAt(end - 1);
	if (code >= 0xd800 && code <= 0xdbff) end--; // do not split a surrogate pair (emoji)
	return `${text.slice(0, end)}…`;
}
