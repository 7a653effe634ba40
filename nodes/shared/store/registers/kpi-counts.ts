/** The KPI report's counts of a month (services/kpi-report.ts): jobs signed, survey ratings and complaints per technician. */
import type { Trx } from '../schema';

export async function kpiCounts(trx: Trx, from: string, to: string, statuses: readonly string[]) {
	const technicians = await trx.selectFrom('technicians').select(['id', 'name', 'phone', 'active']).execute();
	const jobs = await trx
		.selectFrom('tickets')
		.select(['technicianId', (eb) => eb.fn.countAll<number>().as('n')])
		.where('technicianId', 'is not', null)
		.where('status', 'in', [...statuses])
		.where('signedAt', '>=', from)
		.where('signedAt', '<', to)
		.groupBy('technicianId')
		.execute();
	const ratings = await trx
		.selectFrom('surveys as s')
		.innerJoin('tickets as t', 't.id', 's.ticketId')
		.select((eb) => [
			't.technicianId',
			eb.fn.countAll<number>().as('n'),
			eb.fn.sum<number>('s.attitude').as('attitude'),
			eb.fn.sum<number>('s.skill').as('skill'),
			eb.fn.sum<number>('s.arrival').as('arrival'),
			eb.fn.sum<number>('s.promises').as('promises'),
		])
		.where('t.technicianId', 'is not', null)
		.where('s.answeredAt', '>=', from)
		.where('s.answeredAt', '<', to)
		.groupBy('t.technicianId')
		.execute();
	const complaints = await trx
		.selectFrom('complaints as p')
		.innerJoin('tickets as t', 't.id', 'p.ticketId')
		.select((eb) => [
			't.technicianId',
			eb.fn.countAll<number>().as('n'),
			eb.fn.sum<number>(eb.case().when('p.severity', '=', 'serious').then(1).else(0).end()).as('serious'),
		])
		.where('t.technicianId', 'is not', null)
		.where('p.receivedAt', '>=', from)
		.where('p.receivedAt', '<', to)
		.groupBy('t.technicianId')
		.execute();
	return { technicians, jobs, ratings, complaints };
}
