import { cleanSurveyAnswer } from '../../nodes/shared/rules/survey-answer';
import { problemsOf } from '../harness/errors';

const levels = { attitude: 4, skill: 'satisfied', arrival: '2', promises: '不满意' };

const problems = (input: Record<string, unknown>) => problemsOf(() => cleanSurveyAnswer(input), 'the answer to be refused');

describe('cleanSurveyAnswer', () => {
	test('the four levels in any accepted spelling, nothing else given', () => {
		expect(cleanSurveyAnswer(levels)).toEqual({
			levels: { attitude: 4, skill: 3, arrival: 2, promises: 1 },
			accepted: null,
			delivered: null,
			comments: null,
			complaint: null,
			channel: 'link',
		});
	});

	test('acceptance, comments, a complaint and the phone channel', () => {
		expect(
			cleanSurveyAnswer({
				...levels,
				accepted: '是',
				delivered: 'no-attachment',
				comments: ' 师傅很准时 ',
				complaint: { severity: 'serious', text: '上门态度差' },
				channel: 'phone',
			}),
		).toMatchObject({
			accepted: true,
			delivered: 'no-attachment',
			comments: '师傅很准时',
			complaint: { severity: 'serious', text: '上门态度差' },
			channel: 'phone',
		});
	});

	test('a web form sends the complaint as flat fields; an empty complaint text means no complaint', () => {
		expect(cleanSurveyAnswer({ ...levels, complaintSeverity: 'serious', complaintText: '漏水没修好' }).complaint).toEqual({
			severity: 'serious',
			text: '漏水没修好',
		});
		expect(cleanSurveyAnswer({ ...levels, complaintSeverity: 'general', complaintText: '  ' }).complaint).toBeNull();
		expect(cleanSurveyAnswer({ ...levels, complaintText: '等太久' }).complaint).toEqual({ severity: 'general', text: '等太久' });
	});

	test('every problem of one answer at once, each naming its field', () => {
		const found = problems({
			attitude: 5,
			skill: '',
			arrival: 'good',
			promises: 3,
			delivered: 'maybe',
			channel: 'fax',
			accepted: 'perhaps',
			complaint: { severity: 'urgent', text: 'x' },
		});
		expect(found.map((p) => p.field).sort()).toEqual(
			['accepted', 'arrival', 'attitude', 'channel', 'complaint.severity', 'delivered', 'skill'].sort(),
		);
		expect(found.find((p) => p.field === 'attitude')!.message).toMatch(/^Attitude \(服务态度\): 5 is not a level/);
	});

	test('a serious complaint without its text is refused', () => {
		expect(problems({ ...levels, complaintSeverity: 'serious' }).map((p) => p.field)).toEqual(['complaint.text']);
	});

	test('text beyond 2000 characters is refused', () => {
		expect(problems({ ...levels, comments: '好'.repeat(2001) }).map((p) => p.field)).toEqual(['comments']);
	});

	test('a complaint that is not an object is refused', () => {
		expect(problems({ ...levels, complaint: 'bad' }).map((p) => p.field)).toEqual(['complaint']);
	});

	test('the default channel applies when none is given', () => {
		expect(cleanSurveyAnswer(levels, 'phone').channel).toBe('phone');
		expect(cleanSurveyAnswer({ ...levels, channel: 'link' }, 'phone').channel).toBe('link');
	});
});
