import type { CardFields } from '$lib/domain/commands';
import type { BoardEvent, CardView } from '$lib/domain/events';
import { listInWords } from '$lib/domain/history';
import type { AckError, CommandAck } from '$lib/domain/socket-protocol';
import { DRAFT_KEYS, changedKeys, checkChanges, draftOf, formErrors, type Draft, type DraftKey } from './record-fields';

/** What a draft saves through and reads the card's history from (the board store and the API, in the app). */
export interface RecordWriter {
	update(cardId: string, changes: Partial<CardFields>, version: number): Promise<CommandAck>;
	setEffort(cardId: string, effort: number): Promise<CommandAck>;
	/** The card's history, newest first (to name who changed it meanwhile). */
	history(cardId: string): Promise<BoardEvent[]>;
}

export interface RecordConflict {
	/** Who changed the card meanwhile ("Pat Lee", "Someone"). */
	names: string;
	/** The fields both this person and the others changed. */
	keys: DraftKey[];
	/** The card as it is saved now. */
	theirs: Draft;
}

export type RecordMessage = { kind: 'success' | 'error'; text: string };

/**
 * A card's record being edited while others may edit it too: the record as it was when editing began
 * (`base`, at `baseVersion`) and the person's text (`draft`).
 *
 * A newer card (`follow`) shows at once in a pristine draft; in a dirty one, fields the person has not
 * touched follow it too, and a change to a field they are editing waits: saving then shows both texts
 * side by side (`conflict`). An older card (their own save not echoed yet) is ignored. Saving sends the
 * record fields and the effort as two commands; a stale refusal that touched none of the person's
 * fields is merged and sent again.
 */
export class RecordDraft {
	base = $state.raw<Draft>() as Draft;
	baseVersion = $state(0);
	draft = $state<Draft>() as Draft;
	errors = $state<Record<string, string[]>>({});
	saving = $state(false);
	message = $state<RecordMessage | null>(null);
	conflict = $state<RecordConflict | null>(null);

	readonly changed = $derived(changedKeys(this.draft, this.base));

	constructor(
		private readonly card: () => CardView,
		private readonly writer: RecordWriter,
		/** The person editing (their own changes from another window are named as such). */
		private readonly selfId: string
	) {
		const first = card();
		this.base = draftOf(first);
		this.baseVersion = first.version;
		this.draft = draftOf(first);
	}

	/** A newer version arrived that changes a field this person is editing. */
	get behind(): boolean {
		return this.card().version > this.baseVersion && this.changed.length > 0 && !this.conflict;
	}

	/** Brings the draft onto the card as it is now (call whenever the card changes). */
	follow(current: CardView): void {
		if (current.version < this.baseVersion) return;
		if (changedKeys(this.draft, this.base).length === 0) {
			this.base = draftOf(current);
			this.baseVersion = current.version;
			this.draft = draftOf(current);
		} else if (current.version > this.baseVersion && this.clashes(draftOf(current)).length === 0) {
			this.rebase(current, draftOf(current).effort);
		}
	}

	async save(): Promise<void> {
		if (this.saving) return;
		this.message = null;
		const card = this.card();
		// The card's newer version has already arrived: a change to the same fields shows before sending.
		if (card.version > this.baseVersion && this.rebase(card, draftOf(card).effort).length) return;
		this.saving = true;
		try {
			for (let attempt = 0; attempt < 3 && (await this.send(attempt > 0)) === 'rebased'; attempt++);
		} finally {
			this.saving = false;
		}
	}

	/** Drops this person's text for the fields in conflict; their other changes stay in the draft. */
	keepTheirs(): void {
		for (const key of this.conflict?.keys ?? []) this.draft[key] = this.base[key];
		this.conflict = null;
		this.message = null;
		this.follow(this.card());
	}

	discard(): void {
		this.draft = { ...this.base };
		this.errors = {};
		this.conflict = null;
		this.message = null;
		this.follow(this.card());
	}

	/** Fields both this person and the newer card changed (to different text). */
	private clashes(theirs: Draft): DraftKey[] {
		return changedKeys(this.draft, this.base).filter((key) => theirs[key] !== this.base[key] && this.draft[key] !== theirs[key]);
	}

	/**
	 * Brings the draft onto a newer card: fields this person did not touch take the new text, the ones
	 * they changed keep theirs. Returns the fields both sides changed; those show side by side.
	 */
	private rebase(newer: CardView, effort: string): DraftKey[] {
		const since = this.baseVersion;
		const theirs = { ...draftOf(newer), effort };
		const clashing = this.clashes(theirs);
		const mine = changedKeys(this.draft, this.base);
		for (const key of DRAFT_KEYS) if (!mine.includes(key)) this.draft[key] = theirs[key];
		this.base = theirs;
		this.baseVersion = newer.version;
		if (clashing.length) {
			this.conflict = { names: this.conflict?.names ?? 'Someone', keys: clashing, theirs };
			this.message = { kind: 'error', text: 'Not saved yet: compare the texts above.' };
			void this.nameWhoChanged(since, newer.version);
		}
		return clashing;
	}

	private async send(merged: boolean): Promise<'done' | 'rebased'> {
		const keys = this.changed;
		if (keys.length === 0) {
			this.conflict = null;
			return 'done';
		}
		const checked = checkChanges(this.draft, keys);
		if (!checked.ok) {
			this.errors = checked.errors;
			this.message = { kind: 'error', text: 'Some fields need attention.' };
			return 'done';
		}
		this.errors = {};
		const sent = { ...this.draft };
		let saved = this.card();
		if (Object.keys(checked.changes).length) {
			const reply = await this.writer.update(saved.id, checked.changes, this.baseVersion);
			if (!reply.ok) return this.refused(reply.error);
			saved = reply.card ?? saved;
		}
		if (checked.effort !== null) {
			const reply = await this.writer.setEffort(saved.id, checked.effort);
			if (!reply.ok) return this.refused(reply.error);
			saved = reply.card ?? saved;
		}
		// What was saved becomes the base; anything typed while saving stays a change.
		const next = { ...draftOf(saved), effort: checked.effort === null ? this.base.effort : sent.effort };
		for (const key of DRAFT_KEYS) if (this.draft[key] === sent[key]) this.draft[key] = next[key];
		this.base = next;
		this.baseVersion = saved.version;
		this.conflict = null;
		this.message = { kind: 'success', text: merged ? 'Saved, alongside changes someone else made meanwhile.' : 'Saved.' };
		return 'done';
	}

	private refused(error: AckError): 'done' | 'rebased' {
		const theirCard = (error.details as { card?: CardView } | undefined)?.card;
		if (error.code === 'stale' && theirCard) {
			// The refusal carries the card as saved now (its effort is another board's: keep ours).
			return this.rebase(theirCard, this.base.effort).length ? 'done' : 'rebased';
		}
		this.errors = formErrors(error.fields);
		this.message = { kind: 'error', text: error.message };
		return 'done';
	}

	/** Names the people whose changes came in since `since`, from the card's history. */
	private async nameWhoChanged(since: number, upTo: number): Promise<void> {
		const history = await this.writer.history(this.card().id);
		const people: string[] = [];
		for (const event of history) {
			const version = 'card' in event ? event.card.version : 'version' in event ? event.version : 0;
			if (event.type !== 'card.commented' && version > since && version <= upTo) {
				const name = event.actor?.id === this.selfId ? 'You (in another window)' : (event.actor?.name ?? 'Someone');
				if (!people.includes(name)) people.push(name);
			}
		}
		if (this.conflict && people.length) this.conflict = { ...this.conflict, names: listInWords(people.reverse()) };
	}
}
