export { RateLimits, type RateLimitsOptions, type Verdict } from './limits';
export { RATE_POLICIES, type PolicyName, type RatePolicy } from './policies';
export { appRateLimits, closeRateLimits } from './app';
export { clientAddress, handshakeAddress, requestAddress } from './address';
export { describeWait, rateLimited } from './wait';
