/**
 * Check digits of Japanese personal identifiers (個人識別符号 and linking codes, DOMAIN.md §1.2, §3.1.6),
 * used by the identifier detectors: a column whose 12-digit values all carry a valid マイナンバー check
 * digit is almost surely マイナンバー (a random 12-digit number passes with probability ≈ 1/11).
 */

const digitsOnly = (text: string) => text.normalize('NFKC').replace(/[\s-]/g, '');

/**
 * 個人番号 (マイナンバー) check digit, 番号法施行令 第8条 and the 総務省令 算式 (通知カード及び個人番号カード
 * 並びに…に関する省令 第5条): with P_n the n-th digit of the 11-digit base counted from its least significant
 * digit and Q_n = n + 1 (1 ≤ n ≤ 6) or n − 5 (7 ≤ n ≤ 11), r = Σ P_n·Q_n mod 11, the check digit is
 * 0 when r ≤ 1 and 11 − r otherwise.
 */
export function myNumberCheckDigit(base11: string): number {
	if (!/^\d{11}$/.test(base11)) throw new Error(`expected 11 digits, got "${base11}"`);
	let sum = 0;
	for (let n = 1; n <= 11; n++) {
		const p = base11.charCodeAt(11 - n) - 48;
		const q = n <= 6 ? n + 1 : n - 5;
		sum += p * q;
	}
	const r = sum % 11;
	return r <= 1 ? 0 : 11 - r;
}

/** Whether a value is a 12-digit 個人番号 with a valid check digit (spaces and hyphens ignored). */
export function isValidMyNumber(text: string): boolean {
	const t = digitsOnly(text);
	return /^\d{12}$/.test(t) && myNumberCheckDigit(t.slice(0, 11)) === t.charCodeAt(11) - 48;
}

/**
 * 検証番号 of 保険者番号 (and 公費負担者番号, 受給者番号), 厚生労働省「保険者番号設定要領」: multiply the
 * digits by 2 and 1 alternately starting from the last one, add up the products (a 2-digit product
 * counts as the sum of its digits), and take 10 minus the last digit of the total (0 when that digit is
 * 0). This is the Luhn scheme. Example from the 設定要領's worked cases: 3312001 → 5 (33120015).
 */
export function insurerCheckDigit(base: string): number {
	if (!/^\d+$/.test(base)) throw new Error(`expected digits, got "${base}"`);
	let sum = 0;
	for (let i = base.length - 1, weight = 2; i >= 0; i--, weight = 3 - weight) {
		const product = (base.charCodeAt(i) - 48) * weight;
		sum += product >= 10 ? product - 9 : product;
	}
	return (10 - (sum % 10)) % 10;
}

/**
 * Whether a value is a 保険者番号 with a valid 検証番号: 8 digits (法別番号 2 + 都道府県 2 + 保険者別番号 3 +
 * 検証番号 1) or the 6 digits of 国民健康保険 (都道府県 2 + 保険者別番号 3 + 検証番号 1), DOMAIN.md §3.1.6.
 */
export function isValidInsurerNumber(text: string): boolean {
	const t = digitsOnly(text);
	if (!/^(\d{6}|\d{8})$/.test(t)) return false;
	return insurerCheckDigit(t.slice(0, -1)) === t.charCodeAt(t.length - 1) - 48;
}
