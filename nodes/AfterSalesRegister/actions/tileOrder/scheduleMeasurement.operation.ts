/** Schedule Measurement (预约测量, T4): when, and who holds the key. */
import { orderStep, fromItem, readInputs } from './common';
import { cleanAppointment } from '../../../shared/rules/tile-order-inputs';
import { scheduleMeasurement } from '../../../shared/services/tile-orders';

export const { description, execute } = orderStep(
	'scheduleMeasurement',
	[
		fromItem('appointmentAt', 'Appointment Time (预约时间)', 'e.g. 2026-11-28 10:00 (workflow timezone) or ISO 8601'),
		fromItem('keyHolder', 'Key Holder (钥匙持有人)', 'The owner or whoever holds the key: { name, phone }'),
		fromItem('notes', 'Notes (备注)'),
	],
	(ctx, i) => cleanAppointment(readInputs(ctx, i, ['appointmentAt', 'keyHolder', 'notes']), ctx.getTimezone()),
	scheduleMeasurement,
);
