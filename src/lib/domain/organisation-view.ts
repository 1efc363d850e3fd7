import type { CatchballState } from './catchball';
import type { EvidenceView } from './events';
import type { Honoured, Limit } from './settings';

// The organisation at a glance, as the organisation page and organisation walls show it (read in
// src/lib/server/queries/organisation-view.ts).
export interface TeamHealth {
	teamId: string;
	boardId: string;
	name: string;
	isLeadership: boolean;
	honoured: Honoured;
	experiments: { count: number; limit: Limit | null };
	capacity: { inUse: number; protectedHours: number; hard: boolean };
}

export interface Barrier {
	cardId: string;
	title: string;
	team: string;
	column: string;
	createdAt: string;
	catchball: CatchballState | null;
	/** Since when it has been waiting in leadership's court, if it is. */
	waitingOnLeadershipSince: string | null;
}

export interface Adoption {
	cardId: string;
	title: string;
	team: string;
	adoptedAt: string;
	decisionRationale: string;
	evidence: EvidenceView[];
}

export interface OrganisationView {
	teams: TeamHealth[];
	barriers: Barrier[];
	adoptions: Adoption[];
	/** Every board, for displays that listen for changes. */
	boardIds: string[];
}
