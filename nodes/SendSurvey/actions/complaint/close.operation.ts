/** Close Complaint (结案): after the reply is recorded. */
import { forOperation, type Operation } from '../operation';
import { closeComplaint } from '../../../shared/services/complaints';
import { actorProperty, clock, complaintItem, letterLanguageProperty, readActor, requiredText } from '../common';
import { complaintNumberProperty } from './get.operation';

export const { description, execute }: Operation = {
	description: forOperation('complaint', 'close', [complaintNumberProperty, actorProperty(), letterLanguageProperty]),
	async execute(i, store) {
		const number = requiredText(this, 'complaintNumber', i, 'Complaint number (投诉编号)', 'TS-20261127-0001');
		const c = clock(this);
		return await complaintItem(this, await closeComplaint(store, number, { now: c.now, zone: c.zone, actor: readActor(this, i) }), i);
	},
};
