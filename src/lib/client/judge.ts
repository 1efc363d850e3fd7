import type { Column } from '../domain/board';
import type { BoardSettingsView } from '../domain/capacity';
import type { CardSummary, CardView } from '../domain/events';
import { isoDateIn } from '../domain/gates';
import { effortInUse } from '../domain/limits';
import { decide, type Decision } from '../domain/rules';

/**
 * The server's decision (domain/rules.ts) judged on this board alone, as a hint before a move is tried:
 * the board's own cards, limits and capacity, and the gates when the card is this board's own (a
 * linked card's gates belong to its team's settings, which this page does not hold). The server, which
 * sees every board the card shows on, has the last word.
 */
export function judgeMoveHere(
	board: { boardId: string; cards: Readonly<Record<string, CardSummary>>; settings: BoardSettingsView },
	card: CardView,
	to: Column,
	at: Date = new Date()
): Decision {
	const others = Object.values(board.cards).filter((c) => c.status === 'active' && c.id !== card.id);
	const { settings } = board;
	const own = card.homeBoardId === board.boardId;
	return decide({
		kind: 'move',
		gates: own
			? { subject: card, from: card.column, to, today: isoDateIn(settings.capacity.timeZone, at), mode: settings.gateMode }
			: undefined,
		arrivals: [
			{
				arrival: { boardId: board.boardId, column: to, lane: card.lane, effort: card.effort, from: { column: card.column, lane: card.lane, effort: card.effort } },
				rules: {
					boardId: board.boardId,
					teamName: '',
					settings,
					load: {
						others: {
							inCell: others.filter((c) => c.column === to && c.lane === card.lane).length,
							inColumn: others.filter((c) => c.column === to).length,
							hoursInUse: effortInUse(others)
						},
						capacity: settings.capacity
					}
				}
			}
		]
	});
}
