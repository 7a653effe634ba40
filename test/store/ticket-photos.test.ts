/**
 * Visit photos on every backend (issue 17): kept with the ticket in the store, byte for byte, in
 * the visit's transaction — numbered on the ticket, a refused visit or refused photos keep nothing,
 * and the store itself refuses what the rule would (a type other than jpg/png).
 */
import { createHash } from 'node:crypto';
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import { assignTechnician, requireTicket } from '../../nodes/shared/store/registers/tickets';
import { recordVisit, type StepContext } from '../../nodes/shared/services/ticket-steps';
import { insertTicketPhotos, ticketPhotos } from '../../nodes/shared/store/registers/ticket-photos';
import { cleanPhotos, MAX_PHOTO_BYTES } from '../../nodes/shared/rules/photos';
import { RuleViolation, ValidationError } from '../../nodes/shared/rules/errors';
import type { StoreConfig } from '../../nodes/shared/store/config';
import { insertTestTicket } from '../harness/tickets';
import { GIF_BYTES, JPEG_BYTES, png } from '../harness/png';

const NOW = '2026-11-27T02:00:00.000Z';
const ctx: StepContext = { actor: 'technician form', now: NOW, today: '2026-11-27', zone: 'Asia/Shanghai' };
const solved = { outcome: 'solved', solution: '更换电容', customerSignature: '陈经理', signedAt: NOW } as const;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
let seq = 0;

for (const backend of backends()) {
	describe(`ticket photos on ${backend.name}`, () => {
		let config: StoreConfig;
		let store: Store;
		let customerId: number;
		let wang: number;

		async function ticket(dispatch = true): Promise<string> {
			return await store.transaction(async (trx) => {
				const t = await insertTestTicket(trx, { customerId, n: ++seq, reportDate: '2026-11-26', dueAt: '2026-11-27T01:00:00.000Z' }, NOW);
				if (dispatch) await assignTechnician(trx, t.id, wang, null, '2026-11-26', 'test', NOW);
				return t.ticketNumber;
			});
		}
		const photosOf = async (n: string) =>
			await store.transaction(async (trx) => await ticketPhotos(trx, (await requireTicket(trx, { ticketNumber: n })).id));
		const photoCount = async () =>
			Number(
				(
					await store.db
						.selectFrom('ticketPhotos')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.executeTakeFirstOrThrow()
				).n,
			);

		beforeAll(async () => {
			config = backend.fresh();
			store = await Store.open(config);
			await store.transaction(async (trx) => {
				customerId = (await createCustomer(trx, { name: '华东物业', phone: '13800000001' }, NOW)).id;
				wang = (await createTechnician(trx, { name: '王师傅', phone: '13700000001', skills: ['空调'], areas: [], dailyCapacity: 50 }, NOW)).id;
			});
		});
		afterAll(async () => {
			await store.close();
			await backend.cleanup();
		});

		test('a PNG and a JPEG come back byte for byte, numbered 1 and 2, with type, size and SHA-256', async () => {
			const n = await ticket();
			const picture = png(64, 48);
			const photos = cleanPhotos([
				{ fileName: 'fault.png', bytes: picture },
				{ fileName: 'after.jpg', bytes: JPEG_BYTES },
			]);
			await store.transaction(
				async (trx) => await recordVisit(trx, n, { ...solved, parts: [], collectedFen: null, paymentMethod: null, photos }, ctx),
			);
			const kept = await photosOf(n);
			expect(kept.map((p) => [p.seq, p.contentType, p.fileName, p.size, p.sha256])).toEqual([
				[1, 'image/png', 'fault.png', picture.length, sha(picture)],
				[2, 'image/jpeg', 'after.jpg', JPEG_BYTES.length, sha(JPEG_BYTES)],
			]);
			expect(Buffer.from(kept[0].bytes).equals(picture)).toBe(true);
			expect(Buffer.from(kept[1].bytes).equals(JPEG_BYTES)).toBe(true);
			// The visit's history entry says which photos it brought.
			const event = await store.db
				.selectFrom('ticketEvents')
				.select('details')
				.where('action', '=', 'recordVisitSolved')
				.orderBy('id', 'desc')
				.executeTakeFirstOrThrow();
			expect(JSON.parse(event.details).photos).toEqual([
				{ seq: 1, sha256: sha(picture), size: picture.length },
				{ seq: 2, sha256: sha(JPEG_BYTES), size: JPEG_BYTES.length },
			]);
		});

		test('a visit the lifecycle refuses (never dispatched) keeps none of its photos', async () => {
			const n = await ticket(false);
			const before = await photoCount();
			const photos = cleanPhotos([{ fileName: 'a.png', bytes: png(8, 8) }]);
			await expect(
				store.transaction(async (trx) => await recordVisit(trx, n, { ...solved, parts: [], collectedFen: null, paymentMethod: null, photos }, ctx)),
			).rejects.toThrow(RuleViolation);
			expect(await photoCount()).toBe(before);
			expect((await store.transaction(async (trx) => await requireTicket(trx, { ticketNumber: n }))).status).toBe('open');
		});

		test('the rule refuses a 4th photo, a GIF and a photo over 10 MB, naming each; nothing reaches the store', () => {
			const four = Array.from({ length: 4 }, (_, i) => ({ fileName: `p${i}.png`, bytes: png(4, 4) }));
			const refused = (files: Parameters<typeof cleanPhotos>[0]) => {
				try {
					cleanPhotos(files);
				} catch (e) {
					expect(e).toBeInstanceOf(ValidationError);
					return (e as ValidationError).problems;
				}
				throw new Error('expected a refusal');
			};
			expect(refused(four)).toEqual([{ field: 'photos', message: 'Photos (照片): 4 photos is too many; at most 3 photos a visit' }]);
			expect(refused([{ fileName: 'cat.gif', bytes: GIF_BYTES }])).toEqual([
				{ field: 'photos', message: 'Photos (照片): "cat.gif" is not a JPEG or PNG picture; only jpg and png photos are kept' },
			]);
			// A PNG renamed .jpg is still a PNG; a GIF renamed .png is still refused: the bytes decide.
			expect(cleanPhotos([{ fileName: 'x.jpg', bytes: png(2, 2) }])[0].contentType).toBe('image/png');
			expect(refused([{ fileName: 'x.png', bytes: GIF_BYTES }])[0].message).toMatch(/"x.png" is not a JPEG or PNG/);
			const big = Buffer.concat([png(2, 2), Buffer.alloc(MAX_PHOTO_BYTES)]);
			expect(refused([{ fileName: 'big.png', bytes: big }])[0].message).toMatch(
				/^Photos \(照片\): "big.png" is 10\.0 MB, too large; at most 10 MB a photo$/,
			);
			// Exactly 10 MB is allowed.
			const limit = Buffer.concat([png(2, 2)]);
			const exact = Buffer.concat([limit, Buffer.alloc(MAX_PHOTO_BYTES - limit.length)]);
			expect(cleanPhotos([{ fileName: 'exact.png', bytes: exact }])[0].size).toBe(MAX_PHOTO_BYTES);
		});

		test('a second visit’s photos follow the first’s numbers; the store refuses a type other than jpg/png by itself', async () => {
			const n = await ticket();
			await store.transaction(async (trx) =>
				recordVisit(
					trx,
					n,
					{
						outcome: 'taken-back',
						product: '空调主板',
						customerSignature: '陈经理',
						signedAt: NOW,
						parts: [],
						collectedFen: null,
						paymentMethod: null,
						photos: cleanPhotos([{ fileName: '1.png', bytes: png(3, 3) }]),
					},
					ctx,
				),
			);
			const t = await store.transaction(async (trx) => await requireTicket(trx, { ticketNumber: n }));
			const second = await store.transaction(
				async (trx) => await insertTicketPhotos(trx, t.id, cleanPhotos([{ fileName: '2.png', bytes: png(2, 2) }]), 'test', NOW),
			);
			expect(second.map((p) => p.seq)).toEqual([2]);
			expect((await photosOf(n)).map((p) => p.seq)).toEqual([1, 2]);
			const before = await photoCount();
			await expect(
				store.db
					.insertInto('ticketPhotos')
					.values({
						ticketId: t.id,
						seq: 3,
						contentType: 'image/gif',
						bytes: GIF_BYTES,
						size: GIF_BYTES.length,
						sha256: 'x',
						fileName: null,
						createdAt: NOW,
						createdBy: 'test',
					})
					.execute(),
			).rejects.toThrow();
			await expect(
				store.db
					.insertInto('ticketPhotos')
					.values({
						ticketId: t.id,
						seq: 2,
						contentType: 'image/png',
						bytes: png(2, 2),
						size: 10,
						sha256: 'x',
						fileName: null,
						createdAt: NOW,
						createdBy: 'test',
					})
					.execute(),
			).rejects.toThrow();
			expect(await photoCount()).toBe(before);
		});
	});
}
