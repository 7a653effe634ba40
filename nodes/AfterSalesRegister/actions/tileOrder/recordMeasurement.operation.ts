/** Record Measurement (测量结果, T4): the measured lines replace the signed ones; none given: as signed. */
import { orderStep, fromItem, readInputs } from './common';
import { cleanMeasurement } from '../../../shared/rules/tile-order-inputs';
import { recordMeasurement } from '../../../shared/services/tile-orders';

export const { description, execute } = orderStep(
	'recordMeasurement',
	[
		fromItem('measuredAt', 'Measured At (测量时间)', 'Empty: now'),
		fromItem('measuredBy', 'Measured By (测量人)'),
		fromItem('keyHolder', 'Key Holder (钥匙持有人)', 'Who let the measurer in: { name, phone }'),
		fromItem(
			'lines',
			'Measured Lines (测量明细)',
			'A list of { modelCode, areaM2 (or lengthM and widthM), wastagePct?, layout?, extraBoxes? }; empty: the signed lines stand',
		),
	],
	(ctx, i, context) => cleanMeasurement(readInputs(ctx, i, ['measuredAt', 'measuredBy', 'keyHolder', 'lines']), ctx.getTimezone(), context.now),
	recordMeasurement,
);
