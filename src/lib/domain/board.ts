/** The board's shape: columns, lanes and the vocabulary of an improvement record (PRODUCT.md, The board). */

export const COLUMNS = ['problem', 'hypothesis', 'experiment', 'evidence', 'adopted'] as const;
export type Column = (typeof COLUMNS)[number];

export const COLUMN_LABELS: Record<Column, string> = {
	problem: 'Problem',
	hypothesis: 'Hypothesis',
	experiment: 'Experiment',
	evidence: 'Evidence',
	adopted: 'Adopted'
};

export const LANES = ['team', 'cross_team', 'system'] as const;
export type Lane = (typeof LANES)[number];

export const LANE_LABELS: Record<Lane, string> = {
	team: 'Team',
	cross_team: 'Cross-team',
	system: 'System'
};

export const CATEGORIES = [
	'dependencies',
	'architecture',
	'deployment_safety',
	'decision_boundaries',
	'policy_delay',
	'feedback_quality',
	'learning_loops',
	'other'
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
	dependencies: 'Dependencies',
	architecture: 'Architecture',
	deployment_safety: 'Deployment safety',
	decision_boundaries: 'Decision boundaries',
	policy_delay: 'Policy delay',
	feedback_quality: 'Feedback quality',
	learning_loops: 'Learning loops',
	other: 'Other'
};

export const VERDICTS = ['supports', 'refutes', 'inconclusive'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const EVIDENCE_KINDS = ['measurement', 'observation'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Active cards sit in the columns; learned and archived ones are kept off them. */
export const CARD_STATUSES = ['active', 'learned', 'archived'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

export function columnIndex(column: Column): number {
	return COLUMNS.indexOf(column);
}

/** Catchball moves: a throw, a catch with a back-brief, a throw back with a question, a leadership decision. */
export const CATCHBALL_KINDS = ['throw', 'catch', 'throw_back', 'decision'] as const;
export type CatchballKind = (typeof CATCHBALL_KINDS)[number];

/** What a wall link shows: one team's board, a rotation of team boards, or the organisation view. */
export const WALL_SCOPES = ['team', 'rotation', 'organisation'] as const;
export type WallScope = (typeof WALL_SCOPES)[number];
export const WALL_THEMES = ['dark', 'light'] as const;
export type WallTheme = (typeof WALL_THEMES)[number];
