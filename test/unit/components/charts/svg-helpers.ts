/** Helpers shared by the chart tests (happy-dom). */
export function newSvg(): SVGSVGElement {
	const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg') as SVGSVGElement;
	document.body.append(svg);
	return svg;
}

export function attrs(root: Element, selector: string, names: readonly string[]): number[][] {
	return [...root.querySelectorAll(selector)].map((el) =>
		names.map((a) => Math.round(Number(el.getAttribute(a)) * 10) / 10)
	);
}

export function texts(root: Element, selector: string): (string | null)[] {
	return [...root.querySelectorAll(selector)].map((el) => el.textContent);
}

/** The SVG markup with generated ids made stable, for snapshots. */
export function normalizedSvg(svg: SVGSVGElement): string {
	return svg.outerHTML.replace(/chart\d+/g, 'chartN').replace(/></g, '>\n<');
}
