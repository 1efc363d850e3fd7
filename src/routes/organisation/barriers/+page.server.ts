import { redirect } from '@sveltejs/kit';
import { canDecideForLeadership } from '$lib/domain/access';
import { executeCommand } from '$lib/server/commands/service';
import { appContext } from '$lib/server/context';
import { formValues, runAction } from '$lib/server/http/forms';
import { systemBarriers } from '$lib/server/queries/barriers';
import type { Actions, PageServerLoad } from './$types';

/** The organisation view's system barriers: every team's System lane, with catchball state and waits. */
export const load: PageServerLoad = async ({ locals, url, depends }) => {
	const actor = locals.actor;
	if (!actor) redirect(303, `/signin?next=${encodeURIComponent(url.pathname)}`);
	depends('app:barriers');
	const { db } = await appContext();
	const leads = canDecideForLeadership(actor);
	const groups = (await systemBarriers(db, actor)).map((group) => ({
		...group,
		barriers: group.barriers.map((barrier) => ({ ...barrier, canDecide: leads && !!barrier.state?.court.isLeadership }))
	}));
	return { groups, leads };
};

export const actions: Actions = {
	/** Leadership's decision on an item in its court: goes back to the card's team as a throw. */
	decide: async ({ locals, request }) => {
		if (!locals.actor) redirect(303, '/signin?next=/organisation/barriers');
		const actor = locals.actor;
		const values = formValues(await request.formData());
		const result = await runAction(values, async () => {
			const ctx = await appContext();
			return executeCommand(ctx, actor, {
				type: 'catchball.decide',
				cardId: values.cardId ?? '',
				decision: values.decision ?? '',
				rationale: values.rationale ?? ''
			});
		});
		if (!('events' in result)) return result;
		return { decided: { cardId: result.cardId, title: result.card?.title ?? 'The item', team: result.card?.homeTeam.name ?? 'the team' } };
	}
};
