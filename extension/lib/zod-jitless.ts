import { z } from 'zod';

// Every extension page and script parses with zod's interpreter, never code it generates with
// `new Function`: extension pages forbid eval (Chrome's CSP), and add-on review flags it. Imported
// first by each entrypoint; the build also strips zod's compiler (scripts/lib/no-code-from-strings.ts).
z.config({ jitless: true });
