/**
 * The technicians' monthly performance (P15): per technician, the jobs finished in the month, the
 * answers that came in (by the day they came in, in the workflow's timezone), the mean level of
 * each criterion, the overall, and the complaints about their jobs. Every active technician is
 * listed; one no longer active only when the month has something of theirs.
 */
import type { Store } from '../store/store';
import { kpiCounts } from '../store/registers/kpi-counts';
import { monthBounds, parseMonth, roundedMean, sortKpiRows, technicianKpi, type TechnicianKpi, type TechnicianMonth } from '../rules/kpi';
import { SURVEY_STATUSES } from '../rules/follow-up';

export interface KpiReport {
	month: string;
	timezone: string;
	technicians: TechnicianKpi[];
	totals: { jobs: number; rated: number; complaints: number; seriousComplaints: number; overall: number | null };
}

export async function monthlyKpi(store: Store, month: string, zone: string): Promise<KpiReport> {
	const m = parseMonth(month);
	const { from, to } = monthBounds(m, zone);
	return await store.transaction(async (trx) => {
		const { technicians, jobs, ratings, complaints } = await kpiCounts(trx, from, to, SURVEY_STATUSES);
		const byId = <T extends { technicianId: number | null }>(rows: T[]) => new Map(rows.map((r) => [Number(r.technicianId), r]));
		const j = byId(jobs);
		const r = byId(ratings);
		const c = byId(complaints);
		const rows: TechnicianMonth[] = technicians
			.filter((k) => k.active === 1 || j.has(k.id) || r.has(k.id) || c.has(k.id))
			.map((k) => {
				const rated = r.get(k.id);
				return {
					name: k.name,
					phone: k.phone,
					jobs: Number(j.get(k.id)?.n ?? 0),
					rated: Number(rated?.n ?? 0),
					sums: {
						attitude: Number(rated?.attitude ?? 0),
						skill: Number(rated?.skill ?? 0),
						arrival: Number(rated?.arrival ?? 0),
						promises: Number(rated?.promises ?? 0),
					},
					complaints: Number(c.get(k.id)?.n ?? 0),
					seriousComplaints: Number(c.get(k.id)?.serious ?? 0),
				};
			});
		const all = rows.reduce(
			(t, x) => ({
				jobs: t.jobs + x.jobs,
				rated: t.rated + x.rated,
				complaints: t.complaints + x.complaints,
				seriousComplaints: t.seriousComplaints + x.seriousComplaints,
				sum: t.sum + x.sums.attitude + x.sums.skill + x.sums.arrival + x.sums.promises,
			}),
			{ jobs: 0, rated: 0, complaints: 0, seriousComplaints: 0, sum: 0 },
		);
		// The company's overall: every level of the month's answers over 4 × answers, rounded once.
		const overall = all.rated > 0 ? roundedMean(all.sum, 4 * all.rated) : null;
		return {
			month: m,
			timezone: zone,
			technicians: sortKpiRows(rows.map(technicianKpi)),
			totals: { jobs: all.jobs, rated: all.rated, complaints: all.complaints, seriousComplaints: all.seriousComplaints, overall },
		};
	});
}
