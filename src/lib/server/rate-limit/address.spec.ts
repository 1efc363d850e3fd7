import { describe, expect, it } from 'vitest';
import { addressConfig, clientAddress, handshakeAddress } from './address';

const peer = '10.0.0.9';

describe('clientAddress', () => {
	it('is the peer when no header is configured, whatever forwarding headers say', () => {
		const config = addressConfig({});
		expect(clientAddress({ 'x-forwarded-for': '1.2.3.4', 'x-real-ip': '5.6.7.8' }, peer, config)).toBe(peer);
		expect(clientAddress({}, undefined, config)).toBeUndefined();
	});

	it('takes the entry XFF_DEPTH from the right of X-Forwarded-For', () => {
		const headers = { 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.1.1.1' };
		expect(clientAddress(headers, peer, addressConfig({ ADDRESS_HEADER: 'X-Forwarded-For' }))).toBe('10.1.1.1');
		expect(clientAddress(headers, peer, addressConfig({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '2' }))).toBe('203.0.113.7');
		// A spoofed left-most entry is never taken unless the depth says so.
		expect(clientAddress(headers, peer, addressConfig({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '3' }))).toBe('6.6.6.6');
	});

	it('refuses a depth beyond the header, a missing header and a depth that is not a positive integer', () => {
		const config = addressConfig({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '3' });
		expect(() => clientAddress({ 'x-forwarded-for': '1.1.1.1, 2.2.2.2' }, peer, config)).toThrow(/XFF_DEPTH is 3, but only found 2/);
		expect(() => clientAddress({}, peer, config)).toThrow(/no such header/);
		expect(() => clientAddress({ 'x-forwarded-for': '1.1.1.1' }, peer, addressConfig({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '0' }))).toThrow(
			/positive integer/
		);
	});

	it('reads another configured header as it is', () => {
		const config = addressConfig({ ADDRESS_HEADER: 'True-Client-IP' });
		expect(clientAddress({ 'true-client-ip': ' 198.51.100.4 ', 'x-forwarded-for': '1.2.3.4' }, peer, config)).toBe('198.51.100.4');
	});
});

describe('handshakeAddress', () => {
	it('applies the same rules to a Socket.IO handshake', () => {
		const handshake = { headers: { 'x-forwarded-for': '9.9.9.9, 192.0.2.1' }, address: '::ffff:127.0.0.1' };
		expect(handshakeAddress(handshake, addressConfig({}))).toBe('::ffff:127.0.0.1');
		expect(handshakeAddress(handshake, addressConfig({ ADDRESS_HEADER: 'x-forwarded-for' }))).toBe('192.0.2.1');
	});
});
