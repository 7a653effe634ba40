/**
 * Opinions compiled (定期整理回访记录) on every backend: a month's survey comments — with and
 * without the complaint the same answer registered — and what customers said on periodic calls,
 * and the month's complaints with their reply; each with what was done, counted in the month it
 * was given (Asia/Shanghai). A survey answer is also a contact for the periodic follow-up.
 */
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import { createInstallation } from '../../nodes/shared/store/registers/installations';
import { assignTechnician } from '../../nodes/shared/store/registers/tickets';
import { recordVisit } from '../../nodes/shared/services/ticket-steps';
import { answerSurvey, createSurvey } from '../../nodes/shared/services/follow-up';
import { replyToComplaint } from '../../nodes/shared/services/complaints';
import { recordPeriodicCall, runPeriodicFollowUp } from '../../nodes/shared/services/periodic-follow-up';
import { monthlyOpinions } from '../../nodes/shared/services/opinions-report';
import { insertTestTicket } from '../harness/tickets';

const ZONE = 'Asia/Shanghai';
const opts = (now: string) => ({ now, zone: ZONE, actor: 'test' });
const LEVELS = { attitude: 4, skill: 3, arrival: 3, promises: 4 };

for (const backend of backends()) {
	describe(`opinions of the month on ${backend.name}`, () => {
		let store: Store;
		afterEach(() => store.close());
		afterAll(() => backend.cleanup());

		test('survey comments and call opinions of December with what was done; November’s not; complaints with their reply', async () => {
			store = await Store.open(backend.fresh());
			const T0 = '2026-11-20T02:00:00.000Z';
			let n = 0;
			const { customerId, techId } = await store.transaction(async (trx) => {
				const c = await createCustomer(trx, { code: 'KH-OP', name: '意见客户', phone: '13900000027', address: '上海市意见路1号' }, T0);
				const k = await createTechnician(trx, { name: '王师傅', phone: '13700000027', skills: ['空调'], areas: [], dailyCapacity: 8 }, T0);
				await createInstallation(
					trx,
					{ serialNo: 'OP-1', description: '空调', completedOn: '2026-05-01', warrantyUntil: '2099-01-01', customer: { code: 'KH-OP' } },
					T0,
				);
				await createInstallation(
					trx,
					{ serialNo: 'OP-2', description: '空调', completedOn: '2026-05-01', warrantyUntil: '2099-01-01', customer: { code: 'KH-OP' } },
					T0,
				);
				return { customerId: c.id, techId: k.id };
			});
			/** A job on unit `serialNo` solved on site, its survey answered at `answeredAt` with `extra`. */
			const answered = async (serialNo: string, answeredAt: string, extra: Record<string, unknown>) => {
				const ticketNumber = await store.transaction(async (trx) => {
					const t = await insertTestTicket(
						trx,
						{ customerId, n: ++n, reportDate: '2026-11-19', serialNo, dueAt: '2026-11-21T01:00:00.000Z', customerType: 'in-warranty', category: 'C' },
						T0,
					);
					await assignTechnician(trx, t.id, techId, null, '2026-11-19', 'test', T0);
					await recordVisit(
						trx,
						t.ticketNumber,
						{ outcome: 'solved', solution: '清洗', customerSignature: '周', signedAt: T0 },
						{ actor: 'test', now: T0, today: '2026-11-20' },
					);
					return t.ticketNumber;
				});
				const { survey } = await createSurvey(store, ticketNumber, opts(T0));
				return (await answerSurvey(store, { surveyNumber: survey.surveyNumber }, { ...LEVELS, ...extra }, opts(answeredAt))).survey;
			};
			const nov = await answered('OP-1', '2026-11-30T15:30:00.000Z', { comments: '十一月的意见' }); // 30 Nov 23:30 in Shanghai
			const plain = await answered('OP-1', '2026-12-02T02:00:00.000Z', { comments: '希望上门前先打电话' });
			const withComplaint = await answered('OP-2', '2026-12-03T02:00:00.000Z', {
				comments: '态度一般',
				complaintText: '迟到两小时',
				complaintSeverity: 'serious',
			});
			const complaintNumber = (await store.db.selectFrom('complaints').select('complaintNumber').executeTakeFirstOrThrow()).complaintNumber;
			await replyToComplaint(store, complaintNumber, { method: 'letter', text: '已书面致歉' }, opts('2026-12-04T02:00:00.000Z'));

			// Both units had a survey answered in December: a contact, so not due in January; due again from it.
			const jan = await runPeriodicFollowUp(store, { date: '2027-01-01', now: '2027-01-01T00:00:00.000Z', zone: ZONE, actor: 'test' });
			expect(jan.due).toEqual([]);
			const jun = await runPeriodicFollowUp(store, { date: '2027-06-03', now: '2027-06-03T00:00:00.000Z', zone: ZONE, actor: 'test' });
			expect(jun.due.map((d) => [d.serialNo, d.lastContactKind, d.lastContactOn])).toEqual([
				['OP-1', 'survey', '2026-12-02'],
				['OP-2', 'survey', '2026-12-03'],
			]);
			await recordPeriodicCall(
				store,
				jun.due[0].followUpNumber,
				{ result: 'normal', opinion: '一切正常，建议延长保修' },
				opts('2027-06-05T02:00:00.000Z'),
			);
			await recordPeriodicCall(store, jun.due[1].followUpNumber, { result: 'unreachable' }, opts('2027-06-05T03:00:00.000Z'));

			const dec = await monthlyOpinions(store, '2026-12', ZONE);
			expect(dec.suggestions.map((s) => [s.source, s.number, s.on, s.text, s.done.zh])).toEqual([
				['survey', plain.surveyNumber, '2026-12-02', '希望上门前先打电话', '已记录'],
				['survey', withComplaint.surveyNumber, '2026-12-03', '态度一般', `已登记投诉 ${complaintNumber}（已答复）`],
			]);
			expect(dec.complaints).toEqual([
				expect.objectContaining({
					complaintNumber,
					source: 'survey',
					surveyNumber: withComplaint.surveyNumber,
					severity: 'serious',
					text: '迟到两小时',
					status: 'replied',
					receivedOn: '2026-12-03',
					reply: { method: 'letter', repliedOn: '2026-12-04', text: '已书面致歉' },
				}),
			]);
			expect(dec.complaints[0].done.zh).toBe('已答复：2026-12-04 函告答复');
			expect(dec.totals).toEqual({ suggestions: 2, fromSurveys: 2, fromCalls: 0, faults: 0, complaints: 1, complaintsOpen: 0 });
			// The survey answered 30 Nov 23:30 Shanghai time counts in November.
			expect((await monthlyOpinions(store, '2026-11', ZONE)).suggestions.map((s) => s.number)).toEqual([nov.surveyNumber]);
			// June: the call's opinion; an unreachable call without one is not a suggestion.
			const june = await monthlyOpinions(store, '2027-06', ZONE);
			expect(june.suggestions.map((s) => [s.source, s.serialNo, s.text, s.result, s.done.zh])).toEqual([
				['call', 'OP-1', '一切正常，建议延长保修', 'normal', '回访结果：正常，意见已记录'],
			]);
		});
	});
}
