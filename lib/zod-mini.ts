import { en } from 'zod/locales';
import * as z from 'zod/mini';

/**
 * Zod Mini, the tree-shakable build of zod: what the Lambda bundles validate with (the classic API cost the webhook
 * ~85 KB; this one ~15 KB). Unlike classic zod it loads no locale by itself, so every default message would read
 * "Invalid input"; the English one (3 KB) keeps them saying what was expected and what came, as before, in catalog
 * and configuration errors alike. Import zod from here, not from 'zod/mini', so that holds wherever a schema is used.
 */
z.config(en());

export * from 'zod/mini';
