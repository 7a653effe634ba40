/** The photos an item carries as binary properties (a form's file field, an HTTP upload), as files for the rules. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { photoFilesFromJson, type PhotoFile } from '../rules/photos';
import { stringProperty } from './properties';

/** Where the photos are: binary property names, comma-separated; each also takes its numbered ones (photos → photos_0, photos_1 …). */
export const photoPropertiesProperty: INodeProperties = stringProperty('photoProperties', 'Photos: Binary Properties (照片)', 'photos', {
	description:
		'Binary properties of the input item holding the photos (jpg/png, at most 3, 10 MB each), comma-separated; a name also takes its numbered ones (photos → photos_0, photos_1 …), as an n8n form file field gives them. None present: the item’s JSON photos, a list of { fileName, data } in base64 (the webhook’s body).',
});

/**
 * The files of the properties named in `photoProperties`, in the order the item has them; without
 * any, the item's JSON `photos` as base64 (the visit webhook's body).
 */
export async function readPhotoFiles(ctx: IExecuteFunctions, i: number): Promise<PhotoFile[]> {
	const names = String(ctx.getNodeParameter('photoProperties', i, 'photos') ?? '')
		.split(',')
		.map((n) => n.trim())
		.filter(Boolean);
	const binary = ctx.getInputData()[i]?.binary ?? {};
	const keys = Object.keys(binary).filter((k) => names.some((n) => k === n || new RegExp(`^${escape(n)}_\\d+$`).test(k)));
	const files: PhotoFile[] = [];
	for (const key of keys) {
		const bytes = await ctx.helpers.getBinaryDataBuffer(i, key);
		// An empty slot of a file field (no file chosen, no name) is no photo.
		if (bytes.length === 0 && !binary[key].fileName) continue;
		files.push({ fileName: binary[key].fileName ?? key, bytes });
	}
	return files.length > 0 ? files : photoFilesFromJson(ctx.getInputData()[i]?.json?.photos);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
