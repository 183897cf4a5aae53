/**
 * How a privacy model and the worker's figure for it read on the page (issue 5): the model's name
 * with its sensitive attribute, and "reached / target" in the model's own measure.
 */
import type { PrivacyModelSpec } from '$lib/engine/config/project-config';
import type { Params } from '$lib/i18n/i18n.svelte';
import type { MessageKey } from '$lib/i18n/messages';
import type { LiveFigures, ModelFigure } from '$lib/workbench/design-types';

type Translate = (key: MessageKey, params?: Params) => string;

/** "l-多様性 (ICD10)" / "k-anonymity". */
export function modelName(
	t: Translate,
	model: { readonly model: string; readonly attribute?: string | null }
): string {
	const name = t(`models.name.${model.model}` as MessageKey);
	return model.attribute ? t('models.named', { model: name, name: model.attribute }) : name;
}

export function specAttribute(spec: PrivacyModelSpec): string | null {
	return 'attribute' in spec ? spec.attribute : null;
}

/** A figure in its measure: class sizes as integers, l with 2 decimals, the rest with 4 significant digits. */
export function formatFigure(value: number, measure: ModelFigure['measure'], locale: string): string {
	if (!Number.isFinite(value)) return '∞';
	if (measure === 'k') return value.toLocaleString(locale);
	if (measure === 'l' || measure === 'c') {
		return value.toLocaleString(locale, { maximumFractionDigits: 2 });
	}
	return value.toLocaleString(locale, { maximumSignificantDigits: 4 });
}

/** "最小の l 2 / 目標 3" for one model's figure. */
export function reachedText(t: Translate, figure: ModelFigure, locale: string): string {
	const target = figure.target === null ? '—' : formatFigure(figure.target, figure.measure, locale);
	if (figure.measure === 'none') return t('models.reached.none', { target });
	if (figure.reached === null) return t('models.reached.unknown', { target });
	const value = formatFigure(figure.reached, figure.measure, locale);
	return t(`models.reached.${figure.measure}` as MessageKey, { value, target });
}

/**
 * Why the verdict is "not met": the models that fail on their own, or — when each holds alone —
 * the combination (their suppression together exceeds the limit).
 */
export function failingText(t: Translate, figures: LiveFigures): string | null {
	if (figures.verdict !== 'not-met' || !figures.models || figures.models.length === 0) return null;
	const failing = figures.models.filter((m) => !m.met);
	if (failing.length === 0) return t('models.verdict.combined');
	return t('models.verdict.failing', {
		models: failing.map((m) => modelName(t, m)).join(t('models.separator'))
	});
}
