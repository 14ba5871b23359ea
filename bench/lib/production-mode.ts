/**
 * Imported first by benchmarks that run application code in-process: the
 * application then behaves as under `next start` (content read once and kept,
 * not re-read on every call as in development). Only when NODE_ENV is unset,
 * and only if nothing has loaded lib/env yet; benchmarks report the mode they
 * ran in.
 */
if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: 'production' })
