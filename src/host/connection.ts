import { createOrganizationClient, DEFAULT_ENDPOINT, INTL_ENDPOINT, RateLimiter, type Credentials, type OrganizationClient } from '../api';
import type { ExtensionLog } from './log';
import type { Profile } from './profiles';
import { apiLanguage, type SettingsSnapshot } from './settings';

/** The endpoint a profile talks to: its custom endpoint, the endpoint setting, or its site's default. */
export function endpointFor(profile: Pick<Profile, 'site' | 'endpoint'>, settings: SettingsSnapshot): string {
	if (profile.site === 'custom' && profile.endpoint) {
		return profile.endpoint;
	}
	if (settings.endpoint) {
		return settings.endpoint;
	}
	return profile.site === 'international' ? INTL_ENDPOINT : DEFAULT_ENDPOINT;
}

/**
 * Builds API clients that all share one rate limiter, so switching profiles, sample data, polling and
 * detail refreshes together never exceed the API's per-second limit.
 */
export class ClientFactory {
	/** Made with the first client, from that client's settings, so activation need not read them. */
	private limiter: RateLimiter | undefined;
	private limiterRate: number | undefined;

	constructor(private readonly log: ExtensionLog) {}

	create(endpoint: string, credentials: () => Promise<Credentials>, settings: SettingsSnapshot): OrganizationClient {
		if (!this.limiter || settings.requestsPerSecond !== this.limiterRate) {
			this.limiterRate = settings.requestsPerSecond;
			this.limiter = new RateLimiter({ requestsPerSecond: this.limiterRate });
		}
		return createOrganizationClient({
			endpoint,
			credentials: async () => {
				const c = await credentials();
				this.log.addSecret(c.secretKey);
				this.log.addSecret(c.token);
				return c;
			},
			language: apiLanguage(settings.language),
			requestsPerSecond: settings.requestsPerSecond,
			rateLimiter: this.limiter,
			logger: this.log,
		});
	}
}
