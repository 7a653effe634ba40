/** Every printable document an operation returns travels as an HTML file in the item's binary data. */
import type { IBinaryData, IBinaryKeyData, IExecuteFunctions } from 'n8n-workflow';

/** One page as an HTML file (UTF-8, `text/html`), for a binary property of an output item. */
export async function htmlBinary(ctx: IExecuteFunctions, html: string, fileName: string): Promise<IBinaryData> {
	return await ctx.helpers.prepareBinaryData(Buffer.from(html, 'utf8'), fileName, 'text/html');
}

/** Several pages, each under its own key (repairServiceForm, serviceVoucher …). */
export async function htmlBinaries(ctx: IExecuteFunctions, docs: Array<{ key: string; html: string; fileName: string }>): Promise<IBinaryKeyData> {
	const binary: IBinaryKeyData = {};
	for (const d of docs) binary[d.key] = await htmlBinary(ctx, d.html, d.fileName);
	return binary;
}
