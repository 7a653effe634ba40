/**
 * The technician's rating (P16): attitude, skill, arrival time and keeping promises, each on four
 * levels. Decision: the levels are the scores 4/3/2/1 — very satisfied, satisfied, average,
 * unsatisfied — and Form 1.1's satisfaction box shows the overall level of one answer (the mean
 * of the four, rounded half up); its reasons tick 服务态度 for attitude ≤ 2, 技术水平 for skill ≤ 2,
 * 响应速度 for arrival ≤ 2.
 */
import { fieldError } from './errors';
import { lookUp } from './enums';

export type Level = 1 | 2 | 3 | 4;
export type LevelName = 'very-satisfied' | 'satisfied' | 'average' | 'unsatisfied';
export type Criterion = 'attitude' | 'skill' | 'arrival' | 'promises';

export const CRITERIA: readonly Criterion[] = ['attitude', 'skill', 'arrival', 'promises'];

export const CRITERION_LABELS: Record<Criterion, { en: string; zh: string }> = {
	attitude: { en: 'Attitude', zh: '服务态度' },
	skill: { en: 'Skill', zh: '技术水平' },
	arrival: { en: 'Arrival time', zh: '到达时间' },
	promises: { en: 'Keeping promises', zh: '答应事项的办理' },
};

export const LEVEL_NAMES: Record<Level, LevelName> = { 4: 'very-satisfied', 3: 'satisfied', 2: 'average', 1: 'unsatisfied' };

/** Every way a level may be written: the score, the English word, the Chinese word. */
const SPELLINGS: Record<string, Level> = {
	'4': 4,
	'3': 3,
	'2': 2,
	'1': 1,
	'very-satisfied': 4,
	satisfied: 3,
	average: 2,
	unsatisfied: 1,
	// Form 1.1's own words (RULES turn 3): 很满意 / 满意 / 一般 / 不满意; 非常满意 stays an alias of 4.
	很满意: 4,
	非常满意: 4,
	满意: 3,
	一般: 2,
	不满意: 1,
};

const EXPECTED = 'expected 4, 3, 2 or 1 (or very-satisfied, satisfied, average, unsatisfied; 很满意, 满意, 一般, 不满意)';

/**
 * A level of `criterion` as 4/3/2/1: the number (4, "4", "４"), the English word in any case
 * ("Very satisfied", "very_satisfied") or Form 1.1's Chinese word (很满意, also 非常满意). Anything else — 5, 2.5,
 * "good", nothing — is refused with the field named.
 */
export function parseLevel(value: unknown, criterion: Criterion): Level {
	const label = `${CRITERION_LABELS[criterion].en} (${CRITERION_LABELS[criterion].zh})`;
	if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
		throw fieldError(criterion, `${label}: is empty; ${EXPECTED}`);
	}
	if (typeof value === 'number') {
		if (value === 1 || value === 2 || value === 3 || value === 4) return value;
		throw fieldError(criterion, `${label}: ${String(value)} is not a level; ${EXPECTED}`);
	}
	if (typeof value !== 'string') throw fieldError(criterion, `${label}: ${JSON.stringify(value)} is not a level; ${EXPECTED}`);
	const key = value
		.normalize('NFKC')
		.trim()
		.toLowerCase()
		.replace(/[\s_]+/g, '-');
	const level = lookUp(SPELLINGS, key);
	if (level === undefined) throw fieldError(criterion, `${label}: "${value.trim()}" is not a level; ${EXPECTED}`);
	return level;
}

export type Levels = Record<Criterion, Level>;

/** The overall level of one answer for Form 1.1: the mean of the four, rounded half up (2.5 → 3). */
export function overallLevel(levels: Levels): Level {
	const sum = levels.attitude + levels.skill + levels.arrival + levels.promises;
	// round half up of sum / 4, in integers: floor((2·sum + 4) / 8)
	return Math.floor((2 * sum + 4) / 8) as Level;
}

export type DissatisfactionReason = 'attitude' | 'skill' | 'response';

/** Form 1.1's reasons for dissatisfaction: 服务态度 (attitude ≤ 2), 技术水平 (skill ≤ 2), 响应速度 (arrival ≤ 2). */
export function dissatisfactionReasons(levels: Levels): DissatisfactionReason[] {
	const reasons: DissatisfactionReason[] = [];
	if (levels.attitude <= 2) reasons.push('attitude');
	if (levels.skill <= 2) reasons.push('skill');
	if (levels.arrival <= 2) reasons.push('response');
	return reasons;
}

/** Form 1.1's satisfaction box for one answer. */
export function formSatisfaction(levels: Levels): { satisfaction: LevelName; dissatisfactionReasons: DissatisfactionReason[] } {
	return { satisfaction: LEVEL_NAMES[overallLevel(levels)], dissatisfactionReasons: dissatisfactionReasons(levels) };
}
