/**
 * Hierarchies of sensitive attributes (issue 5): hierarchical t-closeness measures the distance
 * between values by their lowest common ancestor in the attribute's own hierarchy (Li et al. 2007,
 * §4.2), so the Rules step lets a sensitive attribute have a rule too. These helpers decide when
 * that section is shown and let the privacy-model editor open it for one attribute.
 */
import type { ProjectConfig } from '$lib/engine/config/project-config';

/** Sensitive columns, in the project's attribute order. */
export function sensitiveAttributes(project: ProjectConfig): string[] {
	return Object.entries(project.attributes)
		.filter(([, a]) => a.role === 'sensitive')
		.map(([name]) => name);
}

/** Sensitive attributes a hierarchical t-closeness model reads. */
export function hierarchicalAttributes(project: ProjectConfig): string[] {
	const names = new Set<string>();
	for (const m of project.privacy ?? [])
		if (m.model === 't-closeness' && m.variant === 'hierarchical') names.add(m.attribute);
	return [...names];
}

/**
 * The section is shown when it can matter: a t-closeness model exists (its variant may become
 * hierarchical) or a sensitive attribute already has a rule.
 */
export function showSensitiveRules(project: ProjectConfig): boolean {
	const sensitive = sensitiveAttributes(project);
	if (sensitive.length === 0) return false;
	return (
		(project.privacy ?? []).some((m) => m.model === 't-closeness') ||
		sensitive.some((name) => project.attributes[name]?.hierarchy !== undefined)
	);
}

/** The element id of one sensitive attribute's rule (a <details> in the Rules step). */
export const sensitiveRuleId = (name: string) =>
	`sensitive-rule-${encodeURIComponent(name).replace(/%/g, '')}`;

/** Opens one sensitive attribute's rule and brings it into view (from the model editor's link). */
export function openSensitiveRule(name: string): void {
	const element = document.getElementById(sensitiveRuleId(name));
	if (!(element instanceof HTMLDetailsElement)) return;
	element.open = true;
	element.scrollIntoView({ block: 'start', behavior: 'smooth' });
	element.querySelector<HTMLElement>('select')?.focus({ preventScroll: true });
}
