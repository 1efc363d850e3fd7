import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

describe('safeNextPath', () => {
	it('keeps paths on this site, with their query and hash', () => {
		expect(safeNextPath('/account')).toBe('/account');
		expect(safeNextPath('/teams/abc?view=board#card-1')).toBe('/teams/abc?view=board#card-1');
	});

	it('falls back to / for anything that could leave the site', () => {
		for (const next of [
			null,
			undefined,
			'',
			'account',
			'https://evil.example/',
			'//evil.example/path',
			'/\\evil.example',
			'/\t/evil.example',
			'javascript:alert(1)',
			'/x\n/y'
		]) {
			expect(safeNextPath(next)).toBe('/');
		}
	});

	it('does not send people back to the sign-in pages', () => {
		expect(safeNextPath('/signin?next=/account')).toBe('/');
		expect(safeNextPath('/signout')).toBe('/');
		expect(safeNextPath('/signups-report')).toBe('/signups-report');
	});
});
