import { z } from 'zod';

// The CSP forbids eval: zod must not probe for it (the probe logs a CSP violation).
// Imported first by main.tsx, before any schema exists.
z.config({ jitless: true });
