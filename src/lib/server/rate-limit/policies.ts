/** A budget: `points` per `durationSeconds` window per key. */
export interface RatePolicy {
	points: number;
	durationSeconds: number;
}

/**
 * The app's limits. A window of 3 s with 60 points is "20 a second sustained, bursts of 60": a person
 * dragging quickly never meets it, a script flooding the socket does.
 */
export const RATE_POLICIES = {
	/** Failed passwords per account (sign-in and change of password), whatever the address. */
	'sign-in.account': { points: 10, durationSeconds: 15 * 60 },
	/** Failed passwords per address across accounts (generous: an office shares one address). */
	'sign-in.address': { points: 50, durationSeconds: 15 * 60 },
	/** New accounts per address. */
	'sign-up.address': { points: 20, durationSeconds: 60 * 60 },
	/** Board commands per signed-in session (every tab and socket of it together). */
	'socket.session': { points: 60, durationSeconds: 3 },
	/** Board commands per address, across sessions. */
	'socket.address': { points: 200, durationSeconds: 1 },
	/** API requests per token. */
	'api.token': { points: 60, durationSeconds: 3 }
} as const satisfies Record<string, RatePolicy>;

export type PolicyName = keyof typeof RATE_POLICIES;
export type RatePolicies = Record<PolicyName, RatePolicy>;

/** `socket.session` → `RATE_LIMIT_SOCKET_SESSION`. */
export function policyEnvName(name: PolicyName): string {
	return `RATE_LIMIT_${name.replace(/[.-]/g, '_').toUpperCase()}`;
}

/**
 * The policies, each overridable by `RATE_LIMIT_<NAME>=<points>/<seconds>` (a load test, or an operator
 * with unusual traffic). A value that does not parse is an error at start, not a silent default.
 */
export function policiesFromEnv(env: NodeJS.ProcessEnv = process.env): RatePolicies {
	const policies = { ...RATE_POLICIES } as RatePolicies;
	for (const name of Object.keys(RATE_POLICIES) as PolicyName[]) {
		const raw = env[policyEnvName(name)]?.trim();
		if (!raw) continue;
		const match = /^(\d+)\s*\/\s*(\d+)$/.exec(raw);
		if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
			throw new Error(`${policyEnvName(name)}=${raw}: use <points>/<seconds>, e.g. 60/3`);
		}
		policies[name] = { points: Number(match[1]), durationSeconds: Number(match[2]) };
	}
	return policies;
}
