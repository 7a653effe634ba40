/** The language of the printable documents a node outputs: Chinese first, English as an option. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { resolveLang, type DocumentLang } from '../documents/html';

export function documentLanguageProperty(description: string): INodeProperties {
	return {
		displayName: 'Document Language',
		name: 'language',
		type: 'options',
		options: [
			{ name: 'Chinese (中文)', value: 'zh-CN' },
			{ name: 'English', value: 'en' },
		],
		default: 'zh-CN',
		description,
	};
}

/** zh-CN unless the parameter says English (`en`, `en-GB` …); an expression may pass a browser's choice. */
export function readDocumentLanguage(ctx: IExecuteFunctions, i: number): DocumentLang {
	return resolveLang(ctx.getNodeParameter('language', i, 'zh-CN'));
}
