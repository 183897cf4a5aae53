/**
 * The preset's checklist with evidence (DOMAIN.md §1.2 five measures of 匿名加工, APPI 規則34条 ≡
 * 次世代 匿名加工医療情報基準; §1.5 three measures of 仮名加工; §4.1 HIPAA Safe Harbor in
 * hipaa-checklist.ts). Each item is `met` when the project's settings show it, `review` when a person
 * has to confirm it (the tool cannot see it from the data).
 */
import type { ApplySummary } from '../apply/apply-rows';
import type { ProjectConfig } from '../config/project-config';
import { hipaaChecklist } from './hipaa-checklist';

export type Preset = 'anonymous' | 'pseudonymous' | 'hipaa';

/** The record's preset for a project: the preset its design started from (`ui.preset`), else 匿名加工. */
export function presetOfProject(project: object): Preset {
	const ui = (project as { ui?: unknown }).ui;
	const preset = (ui as { preset?: unknown } | undefined)?.preset;
	return preset === 'pseudonymous' || preset === 'hipaa' ? preset : 'anonymous';
}

export interface PeculiarValueDecision {
	attribute: string;
	/** The value decided on (left out of the record when the attribute is identifying). */
	value?: string;
	action: 'delete' | 'generalize' | 'keep' | 'suppress' | 'top-code' | 'bottom-code';
	note: string;
}

export interface ChecklistItem {
	id: string;
	title: { ja: string; en: string };
	status: 'met' | 'review';
	evidence: { ja: string; en: string };
}

function columnsWith(summary: ApplySummary, treatments: readonly string[]): string[] {
	return summary.columns.input.filter((name) => treatments.includes(summary.settings.treatments[name]));
}

function list(names: readonly string[]): string {
	return names.length === 0 ? '—' : names.join(', ');
}

export function buildChecklist(
	preset: Preset,
	config: ProjectConfig,
	summary: ApplySummary,
	decisions: readonly PeculiarValueDecision[]
): ChecklistItem[] {
	if (preset === 'hipaa') return hipaaChecklist(config, summary);
	const identifying = summary.columns.input.filter((n) => config.attributes[n]?.role === 'identifying');
	const removed = identifying.filter((n) => summary.settings.treatments[n] === 'remove');
	const surrogates = columnsWith(summary, ['surrogate']);
	const pseudonyms = columnsWith(summary, ['pseudonym']);
	const kept = identifying.filter(
		(n) => !['remove', 'surrogate', 'pseudonym'].includes(summary.settings.treatments[n])
	);
	const idsOk = kept.length === 0;
	const item1: ChecklistItem = {
		id: 'identifying-descriptions',
		title: {
			ja: '特定の個人を識別することができる記述等の全部又は一部の削除（置換）',
			en: 'Delete (or replace) descriptions that identify a specific individual'
		},
		status: idsOk ? 'met' : 'review',
		evidence: {
			ja: `識別子として指定した列: 削除 ${list(removed)}; ランダム置換 ${list(surrogates)}; 鍵付きハッシュ ${list(pseudonyms)}`,
			en: `Identifying columns: removed ${list(removed)}; random surrogates ${list(surrogates)}; keyed pseudonyms ${list(pseudonyms)}`
		}
	};
	const item2: ChecklistItem = {
		id: 'individual-identification-codes',
		title: {
			ja: '個人識別符号の全部の削除（置換）',
			en: 'Delete all individual identification codes (置換 allowed)'
		},
		status: 'review',
		evidence: {
			ja: `削除した識別子列: ${list(removed)}。保険者番号・記号・番号、マイナンバー等が識別子として指定されているか確認してください。`,
			en: `Removed identifying columns: ${list(removed)}. Confirm that insurer numbers, 記号・番号, My Number etc. are among them.`
		}
	};
	if (preset === 'pseudonymous') {
		return [
			item1,
			item2,
			{
				id: 'financial-damage',
				title: {
					ja: '不正に利用されることにより財産的被害が生じるおそれのある記述等の削除',
					en: 'Delete descriptions whose misuse could cause financial damage'
				},
				status: 'review',
				evidence: {
					ja: `出力される列: ${list(summary.columns.output)}。クレジットカード番号・口座番号等が含まれないことを確認してください。`,
					en: `Output columns: ${list(summary.columns.output)}. Confirm none holds card or bank account numbers.`
				}
			}
		];
	}
	const f = summary.privacy;
	const models = (config.privacy ?? []).map((m) => m.model).join(', ');
	return [
		item1,
		item2,
		{
			id: 'linking-codes',
			title: {
				ja: '情報を相互に連結する符号の削除（置換）',
				en: 'Delete (or replace) codes that link the data to the source'
			},
			status: pseudonyms.length === 0 && idsOk ? 'met' : 'review',
			evidence: {
				ja:
					`ランダム置換（リリースごと、対応表なし）: ${list(surrogates)}` +
					(pseudonyms.length > 0
						? `。鍵付きハッシュは鍵が残るため匿名加工ではランダム置換を推奨: ${list(pseudonyms)}`
						: ''),
				en:
					`Random per-release surrogates (no mapping kept): ${list(surrogates)}` +
					(pseudonyms.length > 0
						? `. Keyed pseudonyms keep a key; use surrogates for 匿名加工: ${list(pseudonyms)}`
						: '')
			}
		},
		{
			id: 'peculiar-descriptions',
			title: { ja: '特異な記述等の削除（置換）', en: 'Delete (or replace) peculiar descriptions' },
			status: decisions.length > 0 || f.suppressedRecords > 0 ? 'met' : 'review',
			evidence: {
				ja: `特異値の判断 ${decisions.length} 件; 一般化: ${Object.entries(summary.transformation)
					.map(([n, l]) => `${n} L${l}`)
					.join(', ')}; 抑制レコード ${f.suppressedRecords}`,
				en: `${decisions.length} decisions on peculiar values; generalization: ${Object.entries(
					summary.transformation
				)
					.map(([n, l]) => `${n} L${l}`)
					.join(', ')}; ${f.suppressedRecords} records suppressed`
			}
		},
		{
			id: 'database-character',
			title: {
				ja: '個人情報データベース等の性質を踏まえたその他の適切な措置',
				en: 'Other measures appropriate to the character of the database'
			},
			status: models !== '' && f.minClassSize > 0 ? 'met' : 'review',
			evidence: {
				ja: `プライバシーモデル: ${models || 'なし'}; 達成した最小クラスサイズ k = ${f.minClassSize}; 同値クラス ${f.equivalenceClasses}`,
				en: `Privacy models: ${models || 'none'}; smallest class reached k = ${f.minClassSize}; ${f.equivalenceClasses} equivalence classes`
			}
		}
	];
}
