import type { BoardEventBody, CardView } from '../../domain/events';
import { loadCardViews } from '../queries/cards';
import type { BoardTransaction } from './board-transaction';

/**
 * Appends one event about a card to the log of every board it shows on (each with that board's view
 * of the card), in the same transaction as the change. Returns the views by board.
 */
export async function emitCardEvent(
	bt: BoardTransaction,
	cardId: string,
	make: (card: CardView, boardId: string) => BoardEventBody
): Promise<Map<string, CardView>> {
	const views = await loadCardViews(bt.tx, cardId);
	await bt.lock(views.keys());
	for (const [boardId, view] of views) await bt.append(boardId, make(view, boardId));
	return views;
}
