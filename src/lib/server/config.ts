/** Server configuration from the environment, read in one place. */
export interface ServerConfig {
	databaseUrl: string | undefined;
	dataDir: string;
	/** The one public origin, when set; otherwise the request's own host is trusted (localhost use). */
	origin: string | undefined;
	redisUrl: string | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
	return {
		databaseUrl: env.DATABASE_URL || undefined,
		dataDir: env.DATA_DIR || './data',
		origin: env.ORIGIN ? new URL(env.ORIGIN).origin : undefined,
		redisUrl: env.REDIS_URL || undefined
	};
}
