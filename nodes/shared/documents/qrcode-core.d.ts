/**
 * Types of `qrcode/lib/core/qrcode`, the QR encoder alone (no PNG, canvas or terminal renderer, so
 * the bundle has no stream, util or process): @types/qrcode declares only the package's main module.
 */
declare module 'qrcode/lib/core/qrcode' {
	export function create(
		text: string,
		options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; version?: number },
	): { modules: { size: number; get(row: number, col: number): number | boolean }; version: number };
}
