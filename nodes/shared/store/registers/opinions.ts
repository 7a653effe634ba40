/** What customers said in a month (定期整理回访记录): survey comments with the complaint the same answer registered. */
import type { Trx } from '../schema';

/** Survey answers in [from, to) (moments) with a comment, with their ticket, customer and complaint. */
export async function surveyCommentsBetween(trx: Trx, from: string, to: string) {
	return await trx
		.selectFrom('surveys as s')
		.innerJoin('tickets as t', 't.id', 's.ticketId')
		.innerJoin('customers as c', 'c.id', 't.customerId')
		.leftJoin('complaints as p', 'p.surveyId', 's.id')
		.where('s.answeredAt', '>=', from)
		.where('s.answeredAt', '<', to)
		.where('s.comments', 'is not', null)
		.where('s.comments', '<>', '')
		.select([
			's.surveyNumber',
			's.answeredAt',
			's.channel',
			's.comments',
			't.ticketNumber',
			't.serialNo',
			'c.name as customerName',
			'p.complaintNumber',
			'p.status as complaintStatus',
		])
		.orderBy('s.answeredAt')
		.orderBy('s.surveyNumber')
		.execute();
}
