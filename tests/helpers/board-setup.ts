import type { Actor } from '../../src/lib/domain/access';
import { boardSettingsSchema } from '../../src/lib/domain/settings';
import type { AppContext } from '../../src/lib/server/context';
import { executeCardCommand, executeCommand } from '../../src/lib/server/commands/service';

/** A card with everything Experiment needs and an effort, waiting in Hypothesis on `boardId`. */
export async function readyCard(ctx: AppContext, actor: Actor, boardId: string, title: string, effort = 4) {
	const created = await executeCardCommand(ctx, actor, { type: 'card.create', boardId, title });
	const updated = await executeCardCommand(ctx, actor, {
		type: 'card.update',
		cardId: created.cardId,
		version: created.card.version,
		changes: {
			problemObserved: 'Reviews wait a day',
			category: 'learning_loops',
			hypothesisBelieve: 'Pairing on reviews',
			hypothesisResult: 'will halve review wait',
			hypothesisSignal: 'median wait under 4 hours',
			experimentPlan: 'Pair on every review for two weeks',
			timeboxStart: '2026-01-05',
			timeboxEnd: '2026-01-19'
		}
	});
	const withEffort = await executeCardCommand(ctx, actor, { type: 'card.set_effort', boardId, cardId: created.cardId, effort });
	const moved = await executeCardCommand(ctx, actor, {
		type: 'card.move',
		boardId,
		cardId: created.cardId,
		version: Math.max(updated.card.version, withEffort.card.version),
		column: 'hypothesis',
		lane: 'team',
		index: 0
	});
	return moved.card;
}

/** Sets a board's gates and limits (as a leader) and its protected capacity. */
export async function configureBoard(
	ctx: AppContext,
	leader: Actor,
	boardId: string,
	settings: object,
	capacity = { protectedPercent: 15, hoursPerWeek: 40 }
) {
	await executeCommand(ctx, leader, {
		type: 'board.configure',
		boardId,
		settings: boardSettingsSchema.parse(settings),
		...capacity,
		timeZone: 'UTC'
	});
}
