import type { CardView } from '../../domain/events';
import type { BoardSettingsView } from '../../domain/settings';
import type { OrganisationView } from '../../server/queries/organisation-view';

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
