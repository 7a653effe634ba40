/**
 * Record Visit with photos on n8n's real engine, on every backend (issue 17): the photos arrive as
 * the item's binary properties (as an n8n form's file field gives them: photos_0, photos_1 …), are
 * kept with the ticket and shown on Form 1.1 as pictures of the stored bytes; a GIF is refused for
 * its item with the field named and nothing written; outcome "other" without 备注 is refused naming it.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { closeAllStores, getStore } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';
import { GIF_BYTES, png } from '../harness/png';

const html = (item: INodeExecutionData, key: string) => Buffer.from(item.binary![key].data, 'base64').toString('utf8');
const file = (bytes: Buffer, fileName: string, mimeType: string) => ({ data: bytes.toString('base64'), fileName, mimeType });

for (const backend of backends()) {
	describe(`visit photos on ${backend.name}`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;
		let config: StoreConfig;

		async function dispatchedTicket(): Promise<string> {
			const wf = withItems(
				[{ customerName: '华东物业', phone: '13800000001', address: '上海市徐汇区', siteSituation: '空调不制冷', skill: '空调' }],
				chain(node('Create', TYPES.createTicket, {}), node('Dispatch', TYPES.dispatch, { mode: 'auto', tickets: 'input' })),
			);
			return String((await runWorkflow(wf, credentials)).output('Dispatch')[0].json.ticketNumber);
		}
		/** Record Visit on items that carry binary photos. */
		async function visit(items: INodeExecutionData[]) {
			const wf = chain(node('Op', TYPES.register, { resource: 'ticket', operation: 'recordVisit' }, { onError: 'continueRegularOutput' }));
			return (await runWorkflow({ ...wf, pinData: { 'Manual Trigger': items } }, credentials)).output('Op');
		}
		const count = async (table: 'ticketPhotos' | 'ticketEvents') =>
			Number(
				(
					await (
						await getStore(config)
					).db
						.selectFrom(table)
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.executeTakeFirstOrThrow()
				).n,
			);

		beforeAll(async () => {
			config = backend.fresh();
			credentials = { afterSalesStore: { ...backend.credential(config), companyName: '安达售后' } };
			const wf = withItems(
				[{ name: '王师傅', phone: '13700000001', skills: '空调', dailyCapacity: 20 }],
				chain(node('Op', TYPES.register, { resource: 'import', operation: 'importRows', register: 'technicians' })),
			);
			await runWorkflow(wf, credentials);
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		test('two photos from the item’s binary are kept and shown on Form 1.1 with the remarks', async () => {
			const ticketNumber = await dispatchedTicket();
			const red = png(40, 30, [220, 20, 20]);
			const blue = png(20, 20, [20, 20, 220]);
			const json: IDataObject = {
				ticketNumber,
				outcome: 'solved',
				solution: '更换电容',
				customerSignature: '陈经理',
				minutes: 45,
				remarks: '下次带备用电容',
			};
			const [out] = await visit([
				{ json, binary: { photos_0: file(red, 'fault.png', 'image/png'), photos_1: file(blue, 'after.png', 'image/png') } },
			]);
			expect(out.json.error).toBeUndefined();
			expect(out.json.status).toBe('solved-on-site');
			expect((out.json.photos as IDataObject[]).map((p) => [p.seq, p.contentType, p.fileName, p.size])).toEqual([
				[1, 'image/png', 'fault.png', red.length],
				[2, 'image/png', 'after.png', blue.length],
			]);
			const form = html(out, 'repairServiceForm');
			const sources = [...form.matchAll(/<img src="data:image\/png;base64,([^"]+)"/g)].map((m) => m[1]);
			expect(sources).toEqual([red.toString('base64'), blue.toString('base64')]);
			expect(form).toContain('下次带备用电容');
			// Read again later (the document link's path): the same pictures from the store.
			const wf = withItems([{ ticketNumber }], chain(node('Op', TYPES.register, { resource: 'ticket', operation: 'get' })));
			const [again] = (await runWorkflow(wf, credentials)).output('Op');
			expect(html(again, 'repairServiceForm')).toContain(`data:image/png;base64,${red.toString('base64')}`);
		});

		test('a GIF among the photos: that item is refused naming 照片, nothing written; the visit is not recorded', async () => {
			const ticketNumber = await dispatchedTicket();
			const [photos, events] = [await count('ticketPhotos'), await count('ticketEvents')];
			const json: IDataObject = { ticketNumber, outcome: 'solved', solution: '更换电容', customerSignature: '陈经理' };
			const [out] = await visit([
				{ json, binary: { photos_0: file(png(4, 4), 'ok.png', 'image/png'), photos_1: file(GIF_BYTES, 'cat.gif', 'image/gif') } },
			]);
			expect(out.json).toEqual({
				error: 'Photos (照片): "cat.gif" is not a JPEG or PNG picture; only jpg and png photos are kept',
				details: { kind: 'invalid', errors: [{ field: 'photos', message: expect.stringMatching(/"cat.gif"/) }] },
			});
			expect([await count('ticketPhotos'), await count('ticketEvents')]).toEqual([photos, events]);
			const wf = withItems([{ ticketNumber }], chain(node('Op', TYPES.register, { resource: 'ticket', operation: 'get' })));
			expect((await runWorkflow(wf, credentials)).output('Op')[0].json.status).toBe('dispatched');
		});

		test('outcome "other" (其它) without remarks is refused naming 备注; nothing written, the ticket stays dispatched', async () => {
			const ticketNumber = await dispatchedTicket();
			const events = await count('ticketEvents');
			const [out] = await visit([{ json: { ticketNumber, outcome: 'other', customerSignature: '陈经理', solution: '拆检' } }]);
			expect(out.json.details).toEqual({
				kind: 'invalid',
				errors: [{ field: 'remarks', message: expect.stringMatching(/^Remarks \(备注\): is empty; outcome "other" \(其它\) needs the reason/) }],
			});
			expect(await count('ticketEvents')).toBe(events);
			const wf = withItems([{ ticketNumber }], chain(node('Op', TYPES.register, { resource: 'ticket', operation: 'get' })));
			expect((await runWorkflow(wf, credentials)).output('Op')[0].json.status).toBe('dispatched');
		});

		test('the webhook’s JSON photos (base64) are kept the same way; one without base64 data is refused naming it', async () => {
			const ticketNumber = await dispatchedTicket();
			const picture = png(10, 10, [0, 128, 255]);
			const bad = await visit([
				{ json: { ticketNumber, outcome: 'solved', solution: '复位', customerSignature: '陈经理', photos: [{ fileName: 'a.png' }] } },
			]);
			expect(bad[0].json.error).toBe('Photos (照片): "a.png" has no picture in base64; expected { fileName, data: "<base64>" }');
			const [out] = await visit([
				{
					json: {
						ticketNumber,
						outcome: 'solved',
						solution: '复位',
						customerSignature: '陈经理',
						photos: [{ fileName: 'a.png', data: `data:image/png;base64,${picture.toString('base64')}` }],
					},
				},
			]);
			expect(out.json.status).toBe('solved-on-site');
			expect((out.json.photos as IDataObject[]).map((p) => [p.seq, p.size, p.fileName])).toEqual([[1, picture.length, 'a.png']]);
			expect(html(out, 'repairServiceForm')).toContain(`data:image/png;base64,${picture.toString('base64')}`);
		});
	});
}
