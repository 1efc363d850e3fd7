import { describe, expect, it } from 'vitest';
import { policiesFromEnv, policyEnvName, RATE_POLICIES } from './policies';
import { describeWait } from './wait';

describe('policiesFromEnv', () => {
	it('keeps the app policies unless RATE_LIMIT_<NAME> overrides one', () => {
		expect(policiesFromEnv({})).toEqual(RATE_POLICIES);
		expect(policyEnvName('socket.session')).toBe('RATE_LIMIT_SOCKET_SESSION');
		const policies = policiesFromEnv({ RATE_LIMIT_SOCKET_SESSION: '600 / 1', RATE_LIMIT_SIGN_UP_ADDRESS: '' });
		expect(policies['socket.session']).toEqual({ points: 600, durationSeconds: 1 });
		expect(policies['sign-up.address']).toEqual(RATE_POLICIES['sign-up.address']);
	});

	it('refuses a value that does not parse instead of running without a limit', () => {
		expect(() => policiesFromEnv({ RATE_LIMIT_API_TOKEN: 'lots' })).toThrow(/RATE_LIMIT_API_TOKEN=lots/);
		expect(() => policiesFromEnv({ RATE_LIMIT_API_TOKEN: '0/1' })).toThrow(/points/);
	});
});

describe('describeWait', () => {
	it('speaks in seconds under a minute and in whole minutes above', () => {
		expect(describeWait(1)).toBe('1 second');
		expect(describeWait(999)).toBe('1 second');
		expect(describeWait(42_000)).toBe('42 seconds');
		expect(describeWait(60_000)).toBe('1 minute');
		expect(describeWait(61_000)).toBe('2 minutes');
		expect(describeWait(900_000)).toBe('15 minutes');
	});
});
