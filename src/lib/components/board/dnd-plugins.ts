import { Accessibility, defaultPreset, type DragEndEvent, type DragOverEvent, type DragStartEvent } from '@dnd-kit/dom';

type Plugins = typeof defaultPreset.plugins;

/**
 * dnd-kit's default plugins, with screen-reader announcements that name the card and the cell
 * (the defaults only know element ids).
 */
export function boardPlugins(titleOf: (id: unknown) => string, placeOf: (id: unknown) => string | null) {
	return (defaults: Plugins): Plugins => [
		...defaults.filter((p) => p !== Accessibility),
		Accessibility.configure({
			screenReaderInstructions: {
				draggable:
					'To pick up a card, press space or enter. Use the arrow keys to move it between cells, space or enter to drop it, escape to cancel.'
			},
			announcements: {
				dragstart: ({ operation }: Parameters<DragStartEvent>[0]) => `Picked up ${titleOf(operation.source?.id)}.`,
				dragover: ({ operation }: Parameters<DragOverEvent>[0]) => {
					const place = placeOf(operation.source?.id);
					return place ? `${titleOf(operation.source?.id)} is over ${place}.` : undefined;
				},
				dragend: ({ operation, canceled }: Parameters<DragEndEvent>[0]) =>
					canceled
						? `Moving ${titleOf(operation.source?.id)} was cancelled.`
						: `Dropped ${titleOf(operation.source?.id)}.`
			}
		})
	];
}
