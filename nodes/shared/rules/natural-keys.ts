/**
 * Natural keys as staff type them. A model code, serial number, contract number or customer code
 * is the same key however it was typed — full-width (ＣＺ－６００, from a Chinese input method),
 * in another case (cz-600) or with spaces around it — so keys are compared after Unicode NFKC
 * and case folding. The stored value keeps what was first typed; only the comparison folds.
 */
export function foldKey(text: string): string {
	// Upper then lower folds what lower case alone leaves apart (ß and SS, ﬀ and FF after NFKC).
	return text.normalize('NFKC').trim().toUpperCase().toLowerCase();
}

/** True when two typed keys name the same record. */
export function sameKey(a: string | null | undefined, b: string | null | undefined): boolean {
	return a != null && b != null && foldKey(a) === foldKey(b);
}
