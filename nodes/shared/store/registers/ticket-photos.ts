/**
 * The photos kept with a ticket (migration 24): written with the visit in its transaction, read
 * for the ticket's documents (Form 1.1, the repair card). Numbered on the ticket 1, 2 …; the
 * ticket's row is locked by the step, so two visits cannot take the same number.
 */
import { createHash } from 'node:crypto';
import type { Trx } from '../schema';
import type { CleanPhoto, PhotoType } from '../../rules/photos';

export interface TicketPhoto {
	seq: number;
	contentType: PhotoType;
	fileName: string | null;
	size: number;
	sha256: string;
	bytes: Uint8Array;
	createdAt: string;
}

/** Keeps the photos of a step after those the ticket already has; returns their numbers and digests. */
export async function insertTicketPhotos(
	trx: Trx,
	ticketId: number,
	photos: readonly CleanPhoto[],
	actor: string,
	now: string,
): Promise<{ seq: number; sha256: string; size: number }[]> {
	if (photos.length === 0) return [];
	const last = await trx
		.selectFrom('ticketPhotos')
		.select((eb) => eb.fn.max<number | null>('seq').as('seq'))
		.where('ticketId', '=', ticketId)
		.executeTakeFirst();
	let seq = Number(last?.seq ?? 0);
	const kept: { seq: number; sha256: string; size: number }[] = [];
	for (const p of photos) {
		seq += 1;
		const sha256 = createHash('sha256').update(p.bytes).digest('hex');
		await trx
			.insertInto('ticketPhotos')
			.values({
				ticketId,
				seq,
				contentType: p.contentType,
				bytes: Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength),
				size: p.size,
				sha256,
				fileName: p.fileName,
				createdAt: now,
				createdBy: actor,
			})
			.execute();
		kept.push({ seq, sha256, size: p.size });
	}
	return kept;
}

/** The ticket's photos in their order, with their bytes. */
export async function ticketPhotos(trx: Trx, ticketId: number): Promise<TicketPhoto[]> {
	const rows = await trx
		.selectFrom('ticketPhotos')
		.select(['seq', 'contentType', 'fileName', 'size', 'sha256', 'bytes', 'createdAt'])
		.where('ticketId', '=', ticketId)
		.orderBy('seq')
		.execute();
	return rows.map((r) => ({
		seq: Number(r.seq),
		contentType: r.contentType as PhotoType,
		fileName: r.fileName,
		size: Number(r.size),
		sha256: r.sha256,
		bytes: r.bytes instanceof Uint8Array ? r.bytes : new Uint8Array(r.bytes as ArrayBuffer),
		createdAt: r.createdAt,
	}));
}
