/**
 * Send Survey's resources and operations, in the order the editor lists them, and the module that
 * carries each (`<resource>/<operation>.operation.ts`).
 */
import type { ResourceDef } from '../../shared/n8n/operations';

import * as surveyCreate from './survey/create.operation';
import * as surveyCreateMissing from './survey/createMissing.operation';
import * as surveyToEmail from './survey/toEmail.operation';
import * as surveyMarkEmailed from './survey/markEmailed.operation';
import * as surveyOpen from './survey/open.operation';
import * as surveyRecordAnswer from './survey/recordAnswer.operation';
import * as surveyGet from './survey/get.operation';
import * as surveyGetMany from './survey/getMany.operation';
import * as complaintCreate from './complaint/create.operation';
import * as complaintGet from './complaint/get.operation';
import * as complaintGetMany from './complaint/getMany.operation';
import * as complaintRecordReply from './complaint/recordReply.operation';
import * as complaintJudgeSeverity from './complaint/judgeSeverity.operation';
import * as complaintClose from './complaint/close.operation';
import * as complaintTakeNotices from './complaint/takeNotices.operation';
import * as complaintMarkNotice from './complaint/markNotice.operation';
import * as reportKpi from './report/kpi.operation';
import * as reportOpinions from './report/opinions.operation';
import * as periodicRun from './periodic/run.operation';
import * as periodicRecordResult from './periodic/recordResult.operation';
import * as periodicGetMany from './periodic/getMany.operation';

export const RESOURCES: Record<'survey' | 'complaint' | 'periodic' | 'report', ResourceDef> = {
	survey: {
		name: 'Survey (回访调查)',
		defaultOperation: 'create',
		operations: [
			{
				value: 'create',
				name: 'Create',
				description: 'The follow-up survey of a finished ticket, with its signed link',
				action: 'Create a survey',
				module: surveyCreate,
			},
			{
				value: 'createMissing',
				name: 'Create Missing',
				description: 'A survey for every recently finished ticket without one (daily sweep)',
				action: 'Create missing surveys',
				module: surveyCreateMissing,
			},
			{
				value: 'toEmail',
				name: 'Take Surveys to Email',
				description: 'The surveys whose link is due to be emailed, taken for this run',
				action: 'Take surveys to email',
				module: surveyToEmail,
			},
			{
				value: 'markEmailed',
				name: 'Mark Emailed',
				description: 'The survey’s email went out',
				action: 'Mark a survey emailed',
				module: surveyMarkEmailed,
			},
			{
				value: 'open',
				name: 'Open by Link',
				description: 'The survey a link’s token opens, the token checked',
				action: 'Open a survey by its link',
				module: surveyOpen,
			},
			{
				value: 'recordAnswer',
				name: 'Record Answer',
				description: 'The customer’s answer or a follow-up call: levels, acceptance, comments, complaint',
				action: 'Record a survey answer',
				module: surveyRecordAnswer,
			},
			{ value: 'get', name: 'Get', description: 'One survey with its answer', action: 'Get a survey', module: surveyGet },
			{
				value: 'getMany',
				name: 'Get Many',
				description: 'The follow-up call list, or surveys by status',
				action: 'Get many surveys',
				module: surveyGetMany,
			},
		],
	},
	complaint: {
		name: 'Complaint (客户投诉)',
		defaultOperation: 'getMany',
		operations: [
			{
				value: 'create',
				name: 'Create',
				description: 'A complaint taken down by phone, letter or in person',
				action: 'Create a complaint',
				module: complaintCreate,
			},
			{ value: 'get', name: 'Get', description: 'One complaint with its reply letter (函告)', action: 'Get a complaint', module: complaintGet },
			{
				value: 'getMany',
				name: 'Get Many',
				description: 'Complaints, serious first, by reply due day',
				action: 'Get many complaints',
				module: complaintGetMany,
			},
			{
				value: 'recordReply',
				name: 'Record Reply',
				description: 'How, when and what the customer was answered',
				action: 'Record a complaint reply',
				module: complaintRecordReply,
			},
			{
				value: 'judgeSeverity',
				name: 'Judge Severity',
				description: 'The service department sets the severity with a reason; the reply due day follows',
				action: 'Judge a complaint severity',
				module: complaintJudgeSeverity,
			},
			{ value: 'close', name: 'Close', description: 'Close a replied complaint (结案)', action: 'Close a complaint', module: complaintClose },
			{
				value: 'takeNotices',
				name: 'Take Notices Due',
				description: 'New complaints to tell the manager of, late replies to escalate, taken for this run',
				action: 'Take complaint notices due',
				module: complaintTakeNotices,
			},
			{
				value: 'markNotice',
				name: 'Mark Notice Sent',
				description: 'The notice’s email went out',
				action: 'Mark a complaint notice sent',
				module: complaintMarkNotice,
			},
		],
	},
	periodic: {
		name: 'Periodic Follow-Up (定期回访)',
		defaultOperation: 'run',
		operations: [
			{
				value: 'run',
				name: 'Run Monthly',
				description: 'List the installations due for a call (6 months, 3 with an annual contract), once a month',
				action: 'Run the periodic follow-up',
				module: periodicRun,
			},
			{
				value: 'recordResult',
				name: 'Record Call Result',
				description: 'Normal with the opinion, fault (opens a repair ticket) or unreachable (called again next month)',
				action: 'Record a periodic call result',
				module: periodicRecordResult,
			},
			{
				value: 'getMany',
				name: 'Get Call List',
				description: 'The calls listed and not yet recorded, oldest first',
				action: 'Get the periodic call list',
				module: periodicGetMany,
			},
		],
	},
	report: {
		name: 'Report (绩效报表)',
		defaultOperation: 'kpi',
		operations: [
			{
				value: 'kpi',
				name: 'Monthly KPI',
				description: 'Per technician: jobs, ratings, means, complaints',
				action: 'Get the monthly KPI',
				module: reportKpi,
			},
			{
				value: 'opinions',
				name: 'Monthly Opinions',
				description: 'The month’s suggestions and complaints from surveys and calls, with what was done (定期整理回访记录)',
				action: 'Get the monthly opinions',
				module: reportOpinions,
			},
		],
	},
};
