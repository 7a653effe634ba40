/**
 * Create Missing Surveys (补发回访): the daily sweep — a survey for every ticket finished in the
 * last days that has none. One summary item, also when nothing was missing, so a workflow goes on.
 */
import { DateTime } from 'luxon';
import { forOperation, type BatchOperation } from '../../../shared/n8n/operations';
import { createMissingSurveys } from '../../../shared/services/follow-up';
import { numberParameter, pairedToAll } from '../../../shared/n8n/per-item';
import { surveyActorProperty, linkBaseProperty, readLinkBase, readValidDays, surveyItem, validDaysProperty } from '../common';
import { clock, readActor } from '../../../shared/n8n/context';
import { numberProperty } from '../../../shared/n8n/properties';

export const { description, executeBatch }: BatchOperation = {
	description: forOperation('survey', 'createMissing', [
		numberProperty('finishedWithinDays', 'Jobs Finished Within (Days)', 30, {
			typeOptions: { minValue: 1 },
			description: 'Only tickets whose job was finished (signed for) this many days ago or less get a survey now',
		}),
		linkBaseProperty,
		validDaysProperty,
		surveyActorProperty('daily follow-up'),
	]),
	async executeBatch(store) {
		const days = numberParameter(this, 'finishedWithinDays', 0, 30, { label: 'Jobs finished within (days)', min: 1, whole: true });
		const linkBase = readLinkBase(this, 0);
		const c = clock(this);
		const since = DateTime.fromISO(c.now).minus({ days }).toUTC().toISO()!;
		const made = await createMissingSurveys(store, since, {
			now: c.now,
			zone: c.zone,
			actor: readActor(this, 0, 'daily follow-up'),
			validDays: readValidDays(this, 0),
			linkBase,
		});
		return [{ json: { created: made.length, surveys: made.map((s) => surveyItem(s, linkBase, c.zone)) }, pairedItem: pairedToAll(this) }];
	},
};
