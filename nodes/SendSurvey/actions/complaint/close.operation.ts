/** Close Complaint (结案): after the reply is recorded. */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { closeComplaint } from '../../../shared/services/complaints';
import { surveyActorProperty, complaintItem, letterLanguageProperty, requiredText } from '../common';
import { clock, readActor } from '../../../shared/n8n/context';
import { complaintNumberProperty } from './get.operation';

export const { description, execute }: Operation = {
	description: forOperation('complaint', 'close', [complaintNumberProperty, surveyActorProperty(), letterLanguageProperty]),
	async execute(i, store) {
		const number = requiredText(this, 'complaintNumber', i, 'Complaint number (投诉编号)', 'TS-20261127-0001');
		const c = clock(this);
		return await complaintItem(this, await closeComplaint(store, number, { now: c.now, zone: c.zone, actor: readActor(this, i) }), i);
	},
};
