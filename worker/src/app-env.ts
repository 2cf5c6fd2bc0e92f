/** The Hono environment of every route: bindings from wrangler.toml (see worker-configuration.d.ts). */
export type AppEnv = { Bindings: Env };
