/**
 * 薬効分類 (日本標準商品分類 番号87 医薬品及び関連製品), for generalizing drugs (DOMAIN.md §5.6): the first
 * four digits of the 薬価基準収載医薬品コード / YJコード are the 4-digit class, whose prefixes are the 3-,
 * 2- and 1-digit classes. Names of the 1- and 2-digit classes and of the 3-digit classes DOMAIN lists are
 * shipped here; other 3- and 4-digit classes are labelled by their code. A レセ電 (UKE) 9-digit drug code
 * (first digit 6) carries no class: it must be mapped to a YJ code with the 医薬品マスター first (§3.1.6).
 */

const NAMES = `1 神経系及び感覚器官用医薬品
2 個々の器官系用医薬品
3 代謝性医薬品
4 組織細胞機能用医薬品
5 生薬及び漢方処方に基づく医薬品
6 病原生物に対する医薬品
7 治療を主目的としない医薬品
8 麻薬
11 中枢神経系用薬
12 末梢神経系用薬
13 感覚器官用薬
19 その他の神経系及び感覚器官用医薬品
21 循環器官用薬
22 呼吸器官用薬
23 消化器官用薬
24 ホルモン剤(抗ホルモン剤を含む)
25 泌尿生殖器官及び肛門用薬
26 外皮用薬
27 歯科口腔用薬
29 その他の個々の器官系用医薬品
31 ビタミン剤
32 滋養強壮薬
33 血液・体液用薬
34 人工透析用薬
39 その他の代謝性医薬品
41 細胞賦活用薬
42 腫瘍用薬
43 放射性医薬品
44 アレルギー用薬
49 その他の組織細胞機能用医薬品
51 生薬
52 漢方製剤
59 その他の生薬及び漢方処方に基づく医薬品
61 抗生物質製剤
62 化学療法剤
63 生物学的製剤
64 寄生動物用薬
69 その他の病原生物に対する医薬品
71 調剤用薬
72 診断用薬
73 公衆衛生用薬
74 体外診断用医薬品
79 その他の治療を主目的としない医薬品
81 アルカロイド系麻薬(天然麻薬)
82 非アルカロイド系麻薬
89 その他の麻薬
114 解熱鎮痛消炎剤
117 精神神経用剤
214 血圧降下剤
218 高脂血症用剤
232 消化性潰瘍用剤
333 血液凝固阻止剤
396 糖尿病用剤
520 漢方製剤
625 抗ウイルス剤
631 ワクチン類
634 血液製剤類`;

export const DRUG_CLASS_NAMES: ReadonlyMap<string, string> = new Map(
	NAMES.split('\n').map((line) => {
		const space = line.indexOf(' ');
		return [line.slice(0, space), line.slice(space + 1)];
	})
);

/**
 * Classes DOMAIN.md §5.6 flags for l-diversity review: 117 精神神経用剤, 625 抗ウイルス剤 (HIV / hepatitis),
 * 42x 腫瘍用薬, 81x/82x 麻薬, 634 血液製剤 (hemophilia), 341/342 透析.
 */
export function isSensitiveDrugClass(code: string): boolean {
	return /^(117|625|42|81|82|634|341|342)/.test(code);
}

/**
 * The 4-digit 薬効分類 of a drug code: a YJ / 薬価基準収載医薬品コード (12 characters, 7 digits first),
 * or a class code of 1–4 digits itself. Null for anything else, including 9-digit レセ電 codes.
 */
export function drugClassOf(text: string): string | null {
	const t = text.normalize('NFKC').trim().toUpperCase();
	if (/^\d{7}[0-9A-Z]\d{3}[0-9A-Z]$/.test(t)) return t.slice(0, 4);
	if (/^\d{1,4}$/.test(t) && t[0] !== '0') return t;
	return null;
}

/** Whether a value looks like a レセ電 (UKE) 医薬品コード: 9 digits starting with 6. */
export function isReceiptDrugCode(text: string): boolean {
	return /^6\d{8}$/.test(text.normalize('NFKC').trim());
}

/** `11 中枢神経系用薬` when the class has a shipped name, else the code. */
export function drugClassLabel(code: string): string {
	const name = DRUG_CLASS_NAMES.get(code);
	return name ? `${code} ${name}` : code;
}
