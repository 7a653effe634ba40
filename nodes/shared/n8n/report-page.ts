/**
 * A report an operation returns as data, with its printable page when asked: the `includePage`
 * and language parameters, and one output shape — the report, `html`, and the page as an HTML file.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { DocumentLang } from '../documents/html';
import type { Letterhead } from '../documents/letterhead';
import { documentLanguageProperty, readDocumentLanguage } from './document-language';
import { htmlBinary } from './html-binary';
import { booleanProperty } from './properties';
import { letterheadFor } from './store-access';

/** Include Page (HTML) and the page's language; the page's file goes in the binary property `binaryName`. */
export const reportPageProperties = (binaryName: string): INodeProperties[] => [
	booleanProperty('includePage', 'Include Page (HTML)', true, {
		description: `Whether to add the printable page as \`html\`, e.g. for an email body, and as the HTML file \`${binaryName}\``,
	}),
	documentLanguageProperty('Language of the page'),
];

/** The report, and when Include Page is on, its page as `html` and as the file `fileName` under `binaryName`. */
export async function reportWithPage(
	ctx: IExecuteFunctions,
	i: number,
	report: object,
	page: { render: (lang: DocumentLang, letterhead: Letterhead | undefined) => string; binaryName: string; fileName: string },
): Promise<INodeExecutionData> {
	const json = report as IDataObject;
	if (!(ctx.getNodeParameter('includePage', i, true) as boolean)) return { json };
	const html = page.render(readDocumentLanguage(ctx, i), await letterheadFor(ctx));
	return { json: { ...json, html }, binary: { [page.binaryName]: await htmlBinary(ctx, html, page.fileName) } };
}
