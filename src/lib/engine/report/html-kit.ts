/**
 * The HTML pieces both record pages share: escaping ({@link escapeHtml} on every text from the project
 * or the data), tables, headings and the standalone page (no scripts, no external resources — the CSP
 * forbids them —, Japanese text in the system's fonts, print rules for PDF).
 */
import { LABELS, type ReportLanguage } from './report-labels';

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Any value as escaped text; null and undefined as an em dash. */
export const e = (value: unknown): string =>
	escapeHtml(value === null || value === undefined ? '—' : String(value));

export function table(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
	const head = headers.map((h) => `<th>${e(h)}</th>`).join('');
	const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${e(cell)}</td>`).join('')}</tr>`).join('\n');
	return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A section heading at `level` (2 on the single-table page, 3 inside a release's table section). */
export const heading = (level: number, text: string): string => `<h${level}>${e(text)}</h${level}>`;

/** The standalone page around a body: strict CSP, system fonts, print rules. */
export function reportPage(language: ReportLanguage, title: string, createdAt: string, body: string): string {
	const t = LABELS[language];
	return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${e(title)} — ${e(createdAt)}</title>
<style>
body { font-family: system-ui, -apple-system, 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Yu Gothic UI', 'Yu Gothic', Meiryo, 'Noto Sans CJK JP', sans-serif; color: #111; margin: 2rem; line-height: 1.5; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.1rem; margin-top: 1.5rem; border-bottom: 1px solid #999; }
h3 { font-size: 1rem; margin-top: 1rem; }
section.table { margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 0.85rem; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; }
.note { white-space: pre-wrap; }
footer { margin-top: 2rem; font-size: 0.8rem; color: #444; }
@media print { body { margin: 0; } h2, h3 { break-after: avoid; } tr { break-inside: avoid; } section.table { break-before: page; } }
</style>
</head>
<body>
<h1>${e(title)}</h1>
${body}
<footer>${e(t.footer)}</footer>
</body>
</html>
`;
}
