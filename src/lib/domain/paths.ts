/**
 * The app's addresses for things people link to, in one place: every list, notification, email and
 * export links a card the same way. (Routes: src/routes/teams/[teamId]/…)
 */

/** A team's board. */
export const boardPath = (teamId: string) => `/teams/${teamId}`;

/**
 * A card, opened on a board it shows on (its own team's, or a linked team's): the board with the card's
 * panel open. Learned and archived cards open read-only on their shelf.
 */
export const cardPath = (teamId: string, cardId: string) => `/teams/${teamId}/cards/${cardId}`;
