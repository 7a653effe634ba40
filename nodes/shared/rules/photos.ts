/**
 * Photos of a visit (issue 17, 上门结果 照片): JPEG or PNG pictures, judged by their own bytes (the
 * file's first bytes, not its name or the browser's content type), at most 10 MB each and 3 a
 * visit. A photo that is not one is refused with its name; nothing is written.
 */
import { ProblemList, fieldError } from './errors';

export const MAX_PHOTOS_PER_VISIT = 3;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export type PhotoType = 'image/jpeg' | 'image/png';

/** A file as it came in: its name (for messages) and its bytes. */
export interface PhotoFile {
	fileName?: string | null;
	bytes: Uint8Array;
}

/** A photo ready to keep: its type from its bytes. */
export interface CleanPhoto {
	fileName: string | null;
	contentType: PhotoType;
	bytes: Uint8Array;
	size: number;
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

const startsWith = (bytes: Uint8Array, magic: number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** The picture type of these bytes: PNG or JPEG by their signature, else null. */
export function photoType(bytes: Uint8Array): PhotoType | null {
	if (startsWith(bytes, PNG)) return 'image/png';
	if (startsWith(bytes, JPEG)) return 'image/jpeg';
	return null;
}

const LABEL = 'Photos (照片)';

/** Checks the photos of one visit; throws every problem at once (field `photos`). */
export function cleanPhotos(files: readonly PhotoFile[]): CleanPhoto[] {
	const problems = new ProblemList();
	if (files.length > MAX_PHOTOS_PER_VISIT) {
		problems.add('photos', `${LABEL}: ${files.length} photos is too many; at most ${MAX_PHOTOS_PER_VISIT} photos a visit`);
	}
	const photos: CleanPhoto[] = [];
	files.forEach((f, i) => {
		const name = f.fileName ? `"${f.fileName}"` : `photo ${i + 1}`;
		if (f.bytes.length === 0) {
			problems.add('photos', `${LABEL}: ${name} is empty; expected a JPEG or PNG picture`);
			return;
		}
		const type = photoType(f.bytes);
		if (!type) {
			problems.add('photos', `${LABEL}: ${name} is not a JPEG or PNG picture; only jpg and png photos are kept`);
			return;
		}
		if (f.bytes.length > MAX_PHOTO_BYTES) {
			const mb = (f.bytes.length / 1024 / 1024).toFixed(1);
			problems.add('photos', `${LABEL}: ${name} is ${mb} MB, too large; at most 10 MB a photo`);
			return;
		}
		photos.push({ fileName: f.fileName ?? null, contentType: type, bytes: f.bytes, size: f.bytes.length });
	});
	problems.throwIfAny();
	return photos;
}

/**
 * Photos sent as JSON (the visit webhook's `photos`): a list of `{ fileName?, data }` with the
 * picture in base64 (a `data:` URI prefix is allowed). Not a list, or an entry without base64
 * data, is refused naming the entry.
 */
export function photoFilesFromJson(listed: unknown): PhotoFile[] {
	if (listed === undefined || listed === null || listed === '') return [];
	if (!Array.isArray(listed)) throw fieldError('photos', `${LABEL}: expected a list of { fileName, data } with each picture in base64`);
	const problems = new ProblemList();
	const files: PhotoFile[] = [];
	listed.forEach((entry, i) => {
		const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
		const name = typeof e.fileName === 'string' && e.fileName.trim() !== '' ? e.fileName.trim() : null;
		const data = typeof e.data === 'string' ? e.data.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '') : null;
		if (!data || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(data)) {
			problems.add('photos', `${LABEL}: ${name ? `"${name}"` : `photo ${i + 1}`} has no picture in base64; expected { fileName, data: "<base64>" }`);
			return;
		}
		files.push({ fileName: name, bytes: Buffer.from(data, 'base64') });
	});
	problems.throwIfAny();
	return files;
}
