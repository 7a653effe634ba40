/**
 * The visit's photos on a printed document (Form 1.1, the repair card): each picture inline as a
 * `data:` URI of its stored bytes, so the page needs nothing else to show and print them.
 */
import { markup, type DocumentLang, type Html } from './html';

/** A photo as a document shows it: its number on the ticket, type and bytes. */
export interface DocumentPhoto {
	seq: number;
	contentType: 'image/jpeg' | 'image/png';
	bytes: Uint8Array;
}

/** A table row of the photos (nothing when there are none), `columns` wide. */
export function photoRow(photos: readonly DocumentPhoto[] | undefined, lang: DocumentLang, columns: number): Html | null {
	if (!photos || photos.length === 0) return null;
	const title = lang === 'en' ? 'Photos' : '现场照片';
	const figures = photos.map((p) => {
		const caption = lang === 'en' ? `Photo ${p.seq}` : `照片 ${p.seq}`;
		// Only our own type names and base64 go into the URI: nothing the user typed.
		const src = `data:${p.contentType === 'image/png' ? 'image/png' : 'image/jpeg'};base64,${Buffer.from(p.bytes).toString('base64')}`;
		return markup`<figure class="photo" style="display:inline-block;margin:2mm;vertical-align:top;break-inside:avoid"><img src="${src}" alt="${caption}" style="max-width:55mm;max-height:55mm"><figcaption>${caption}</figcaption></figure>`;
	});
	return markup`<tr class="photos"><th colspan="${columns}" class="section">${title}</th></tr>
<tr class="photos"><td colspan="${columns}">${figures}</td></tr>`;
}
