/** Types of `nzh/cn` (amounts in Chinese capitals), which its own typings declare only for other module resolutions. */
declare module 'nzh/cn' {
	interface NzhOptions {
		tenMin?: boolean;
		ww?: boolean;
	}
	interface ToMoneyOptions extends NzhOptions {
		complete?: boolean;
		outSymbol?: boolean;
		unOmitYuan?: boolean;
		forceZheng?: boolean;
	}
	const nzhcn: {
		encodeS(num: number | string, options?: NzhOptions): string;
		encodeB(num: number | string, options?: NzhOptions): string;
		decodeS(zhnum: string, options?: NzhOptions): string;
		decodeB(zhnum: string, options?: NzhOptions): string;
		toMoney(num: number | string, options?: ToMoneyOptions): string;
	};
	export default nzhcn;
}
