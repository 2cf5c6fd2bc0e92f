import { allOperations, contract } from '../../../shared/contract';
import type { Health } from '../../../shared/schemas/health';
import { openApiDocument } from '../http/openapi';
import { handlers } from '../http/route';

const VERSION = '0.1.0';

let document: ReturnType<typeof openApiDocument> | undefined;

export const metaRoutes = handlers(contract.meta, {
  health: (c) => c.json({ status: 'ok', version: VERSION } satisfies Health),
  openapi: (c) => {
    // The contract is fixed once the worker has loaded: build the document once.
    document ??= openApiDocument(allOperations, VERSION);
    return c.json(document);
  },
});
