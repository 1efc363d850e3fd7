import type { Column } from '../../src/lib/domain/board';
import type { DemoCard } from '../../src/lib/server/demo/content';

/** The column a card ends its demo life in. */
export function finalColumn(card: DemoCard): Column {
	if (card.revisited) return 'hypothesis';
	if (card.adopted) return 'adopted';
	if (card.evidenceAt !== undefined) return 'evidence';
	if (card.experiment) return 'experiment';
	if (card.hypothesis) return 'hypothesis';
	return 'problem';
}
