import type { CatchballEntryView } from './catchball';
import type { BoardEvent, CardView } from './events';
import type { BoardSettingsView } from './capacity';
import type { CatchUp } from './socket-protocol';
import type { OrganisationView } from './organisation-view';

/**
 * A wall link may hide people's names (a TV in a corridor shows the work, not who does it). These strip
 * every person's name from what a wall page is given, so a hidden name never reaches the display.
 */

/** The card with no owner, evidence author or catchball actor named. */
export function cardWithoutNames(card: CardView): CardView {
	return {
		...card,
		owners: [],
		evidence: card.evidence.map((e) => ({ ...e, createdBy: null })),
		catchball: card.catchball ? { ...card.catchball, last: { ...card.catchball.last, by: null } } : null
	};
}

/** Settings with no raid's recorder named. */
export function settingsWithoutNames(settings: BoardSettingsView): BoardSettingsView {
	return { ...settings, raids: settings.raids.map((r) => ({ ...r, recordedBy: null })) };
}

/** The organisation view with no catchball actor or evidence author named. */
export function organisationViewWithoutNames(view: OrganisationView): OrganisationView {
	return {
		...view,
		barriers: view.barriers.map((b) => ({
			...b,
			catchball: b.catchball ? { ...b.catchball, last: { ...b.catchball.last, by: null } } : null
		})),
		adoptions: view.adoptions.map((a) => ({ ...a, evidence: a.evidence.map((e) => ({ ...e, createdBy: null })) }))
	};
}

function entryWithoutNames(entry: CatchballEntryView): CatchballEntryView {
	return { ...entry, actor: null };
}

/** A board event as a wall that hides names receives it (sent live over the wall namespace). */
export function eventWithoutNames(event: BoardEvent): BoardEvent {
	const base = { ...event, actor: null } as BoardEvent;
	switch (base.type) {
		case 'card.moved':
		case 'card.unlinked':
		case 'team.renamed':
			return base;
		case 'catchball.noted':
			return { ...base, entry: entryWithoutNames(base.entry) };
		case 'board.configured':
			return { ...base, settings: settingsWithoutNames(base.settings) };
		case 'board.raid_recorded':
			return { ...base, raid: { ...base.raid, recordedBy: null }, settings: settingsWithoutNames(base.settings) };
		case 'card.commented':
			return { ...base, card: cardWithoutNames(base.card), comment: { ...base.comment, author: null } };
		case 'card.evidence_added':
			return { ...base, card: cardWithoutNames(base.card), evidence: { ...base.evidence, createdBy: null } };
		case 'card.catchball':
			return { ...base, card: cardWithoutNames(base.card), entry: entryWithoutNames(base.entry) };
		default:
			return { ...base, card: cardWithoutNames(base.card) };
	}
}

/** A catchball update as a wall that hides names receives it. */
export function catchballUpdateWithoutNames<T extends { entry: CatchballEntryView }>(update: T): T {
	return { ...update, entry: entryWithoutNames(update.entry) };
}

/** A join or catch-up answer as a wall that hides names receives it. */
export function catchUpWithoutNames(reply: CatchUp): CatchUp {
	if (reply.mode === 'events') return { mode: 'events', events: reply.events.map(eventWithoutNames) };
	const { snapshot } = reply;
	return {
		mode: 'snapshot',
		snapshot: { ...snapshot, cards: snapshot.cards.map(cardWithoutNames), settings: settingsWithoutNames(snapshot.settings) }
	};
}
