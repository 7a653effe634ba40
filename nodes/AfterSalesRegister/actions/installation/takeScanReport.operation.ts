/**
 * Take Scan Report (接收扫码报修): a report the customer sent from a unit's label — the token (403),
 * the customer's fields 现场情况 / 电话 / 联系人 (400, every problem at once, nothing written), the
 * rate limit per unit (429: field `rateLimit`) — out as a repair report for Create Repair Ticket
 * (From Input Item): the unit's customer, address and serial no, and an idempotency key, so the
 * same report sent twice the same day gives the same ticket (`duplicate` true).
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { acceptScanReport } from '../../../shared/services/scan-reports';
import { clock } from '../../../shared/n8n/context';
import { numberParameter } from '../../../shared/n8n/per-item';
import { SCAN_REPORTS_PER_UNIT, SCAN_REPORT_WINDOW_HOURS } from '../../../shared/rules/scan-report';
import { labelTokenProperty } from './openReportPage.operation';
import { numberProperty } from '../../../shared/n8n/properties';

export const { description, execute }: Operation = {
	description: forOperation('installation', 'takeScanReport', [
		labelTokenProperty,
		numberProperty('reportsPerUnit', 'Reports Per Unit (每台设备报修上限)', SCAN_REPORTS_PER_UNIT, {
			typeOptions: { minValue: 1, maxValue: 100 },
			description: 'New reports one unit may send in the window; more are refused (429) until the window moves on',
		}),
		numberProperty('windowHours', 'Window (Hours) (统计时段(小时))', SCAN_REPORT_WINDOW_HOURS, {
			typeOptions: { minValue: 1, maxValue: 720 },
			description: 'The hours over which reports per unit are counted',
		}),
	]),
	async execute(i, store) {
		const token = this.getNodeParameter('token', i, '') as unknown;
		const limit = numberParameter(this, 'reportsPerUnit', i, SCAN_REPORTS_PER_UNIT, {
			label: '每台设备报修上限 Reports per unit',
			min: 1,
			whole: true,
		});
		const windowHours = numberParameter(this, 'windowHours', i, SCAN_REPORT_WINDOW_HOURS, { label: '统计时段 Window (hours)', min: 1, whole: true });
		const { now, zone } = clock(this);
		const input = this.getInputData()[i].json as Record<string, unknown>;
		const accepted = await acceptScanReport(store, token, input, { now, zone, limit, windowHours });
		const { unit, ...report } = accepted;
		return { ...report, description: unit.description } as unknown as IDataObject;
	},
};
