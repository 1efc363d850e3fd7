import { CATEGORY_LABELS, COLUMN_LABELS, LANE_LABELS, type Verdict } from './board';
import { sideName, type CatchballEntryView } from './catchball';
import type { BoardEvent, PersonRef, TeamRefView } from './events';
import { warningsInWords } from './rules';

/** Activity history in words people read: titles, columns, names; never ids (PRODUCT.md). */

export const VERDICT_LABELS: Record<Verdict, string> = {
	supports: 'Supports',
	refutes: 'Refutes',
	inconclusive: 'Inconclusive'
};

/** What each editable part of the record is called in a sentence ("edited the plan of …"). */
export const FIELD_WORDS: Record<string, string> = {
	title: 'the title',
	category: 'the category',
	problemObserved: 'what was observed',
	problemAffected: 'who is affected',
	problemFrequency: 'how often it happens',
	hypothesisBelieve: 'the hypothesis',
	hypothesisResult: 'the hypothesis',
	hypothesisSignal: 'the hypothesis',
	experimentPlan: 'the plan',
	experimentBoundary: 'the safe-to-learn boundary',
	timeboxStart: 'the time box',
	timeboxEnd: 'the time box',
	effort: 'the effort',
	decision: 'the decision',
	decisionRationale: 'the decision rationale',
	learned: 'what was learned'
};

/** "a", "a and b", "a, b and c". */
export function listInWords(items: readonly string[]): string {
	if (items.length <= 1) return items[0] ?? '';
	return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Shortens text for a one-line quote, on a word boundary where one is near. */
export function excerpt(text: string, max = 120): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= max) return flat;
	const cut = flat.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const quoted = (text: string) => `"${text}"`;
const boardName = (context: { boardTeamName?: string }) =>
	context.boardTeamName ? `the ${context.boardTeamName} board` : 'this board';

/** "2026-W47" → "week 47 of 2026". */
function weekInWords(week: string): string {
	const match = /^(\d{4})-W(\d{2})$/.exec(week);
	return match ? `week ${Number(match[2])} of ${match[1]}` : `week ${week}`;
}
const names = (people: readonly (PersonRef | TeamRefView)[]) => listInWords(people.map((p) => p.name));

function changedWords(changed: readonly string[]): string {
	const words = [...new Set(changed.map((field) => FIELD_WORDS[field] ?? 'the record'))];
	return listInWords(words);
}

/**
 * One sentence about one event of a board's log, e.g. `Mia Jones moved "Flaky deploys" from Problem to
 * Hypothesis`, with what the change was allowed despite (advisory gates, soft limits) when it was.
 */
export function describeEvent(event: BoardEvent, context: { boardTeamName?: string } = {}): string {
	const sentence = describeChange(event, context);
	const warnings = 'warnings' in event && event.warnings ? warningsInWords(event.warnings) : '';
	return warnings ? `${sentence}. ${warnings}` : sentence;
}

function describeChange(event: BoardEvent, context: { boardTeamName?: string }): string {
	const who = event.actor?.name ?? 'Someone';
	switch (event.type) {
		case 'card.unlinked':
			return `${who} unlinked ${quoted(event.title)} from ${boardName(context)}`;
		case 'card.moved':
			return describeMove(who, event);
		case 'catchball.noted':
			return describeCatchball(who, quoted(event.title), event.entry);
		case 'team.renamed':
			return `${who} renamed the team ${quoted(event.previousName)} to ${quoted(event.name)}`;
		case 'board.configured':
			return `${who} changed the ${listInWords(event.changed)} of ${boardName(context)}`;
		case 'board.raid_recorded': {
			const { raid } = event;
			const hours = `${raid.hours} ${raid.hours === 1 ? 'hour' : 'hours'}`;
			const reason = raid.reason.trim() ? `: ${quoted(excerpt(raid.reason, 80))}` : '';
			return `${who} recorded a raid on ${boardName(context)}: delivery took ${hours} of protected time in ${weekInWords(raid.week)}${reason}`;
		}
	}
	if (!('card' in event)) return `${who} changed ${boardName(context)}`;
	const card = event.card;
	const title = quoted(card.title);
	switch (event.type) {
		case 'card.created':
			return `${who} created ${title} in ${COLUMN_LABELS[card.column]}`;
		case 'card.updated':
			if (event.changed.length === 1 && event.changed[0] === 'category' && card.category) {
				return `${who} set the category of ${title} to ${CATEGORY_LABELS[card.category]}`;
			}
			if (event.changed.length === 1 && event.changed[0] === 'title') return `${who} renamed the card to ${title}`;
			return `${who} edited ${changedWords(event.changed)} of ${title}`;
		case 'card.evidence_added': {
			const verdict = VERDICT_LABELS[event.evidence.verdict].toLowerCase();
			return `${who} added evidence (${verdict}): ${quoted(excerpt(event.evidence.summary))} to ${title}`;
		}
		case 'card.commented':
			return `${who} commented on ${title}: ${quoted(excerpt(event.comment.body, 80))}`;
		case 'card.owners_set':
			return card.owners.length
				? `${who} set the owners of ${title} to ${names(card.owners)}`
				: `${who} removed every owner of ${title}`;
		case 'card.linked_teams_set': {
			const { added, removed } = event;
			if (added.length && removed.length) {
				return `${who} linked ${names(added)} to ${title} and unlinked ${names(removed)}`;
			}
			if (added.length) return `${who} linked ${names(added)} to ${title}`;
			if (removed.length) return `${who} unlinked ${names(removed)} from ${title}`;
			return `${who} changed the linked teams of ${title}`;
		}
		case 'card.catchball':
			return describeCatchball(who, title, event.entry);
		case 'card.learned':
			return card.learned.trim()
				? `${who} closed ${title} as learned: ${quoted(excerpt(card.learned))}`
				: `${who} closed ${title} as learned`;
		case 'card.archived':
			return `${who} archived ${title}`;
		case 'card.restored':
			return `${who} restored ${title} to ${COLUMN_LABELS[card.column]}`;
		default:
			return `${who} changed ${title}`;
	}
}

function describeMove(who: string, event: Extract<BoardEvent, { type: 'card.moved' }>): string {
	const { from, to } = event;
	const title = quoted(event.title);
	if (event.undoes) {
		const where = from.column !== to.column ? `${COLUMN_LABELS[to.column]}` : `the ${LANE_LABELS[to.lane]} lane of ${COLUMN_LABELS[to.column]}`;
		return `${who} undid a move: ${title} is back in ${where}`;
	}
	const columns = `from ${COLUMN_LABELS[from.column]} to ${COLUMN_LABELS[to.column]}`;
	if (from.column !== to.column && from.lane !== to.lane) {
		return `${who} moved ${title} ${columns} (${LANE_LABELS[from.lane]} lane to ${LANE_LABELS[to.lane]} lane)`;
	}
	if (from.column !== to.column) return `${who} moved ${title} ${columns}`;
	if (from.lane !== to.lane) return `${who} moved ${title} from the ${LANE_LABELS[from.lane]} lane to the ${LANE_LABELS[to.lane]} lane`;
	return `${who} reordered ${title} in ${COLUMN_LABELS[to.column]}`;
}

function describeCatchball(who: string, title: string, entry: CatchballEntryView): string {
	const said = (text: string) => (text.trim() ? `: ${quoted(excerpt(text, 100))}` : '');
	switch (entry.kind) {
		case 'throw':
			return `${who} threw ${title} to ${sideName(entry.to)}${said(entry.message)}`;
		case 'catch':
			return `${who} caught ${title} for ${sideName(entry.from)}, with a back-brief${said(entry.brief?.will ?? '')}`;
		case 'throw_back':
			return `${who} threw ${title} back to ${sideName(entry.to)}${said(entry.message)}`;
		case 'decision':
			return `${who} sent ${sideName(entry.to)} a decision on ${title}${said(entry.message)}`;
	}
}

/**
 * "just now", "5 minutes ago", "yesterday", "3 days ago"; past a week, the date ("4 Mar 2026").
 * `timeZone` decides the calendar date shown (default: the runtime's).
 */
export function relativeTime(iso: string, now: Date = new Date(), timeZone?: string): string {
	const at = new Date(iso);
	const seconds = Math.round((now.getTime() - at.getTime()) / 1000);
	if (seconds < 45) return 'just now';
	const format = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });
	if (seconds < 60 * 60) return format.format(-Math.max(1, Math.round(seconds / 60)), 'minute');
	if (seconds < 24 * 60 * 60) return format.format(-Math.round(seconds / (60 * 60)), 'hour');
	if (seconds < 7 * 24 * 60 * 60) return format.format(-Math.round(seconds / (24 * 60 * 60)), 'day');
	return absoluteDate(iso, timeZone);
}

/** "4 Mar 2026". */
export function absoluteDate(iso: string, timeZone?: string): string {
	return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(
		new Date(iso)
	);
}

/** "4 Mar 2026, 14:05": for a tooltip or a screen reader next to a relative time. */
export function absoluteDateTime(iso: string, timeZone?: string): string {
	return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}
