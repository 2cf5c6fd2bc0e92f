import type { TestProject } from 'vitest/node';
import { contract } from '../../shared/contract';
import { type OperationRefs, operationRefs } from '../../shared/contract/refs';

declare module 'vitest' {
  export interface ProvidedContext {
    operations: OperationRefs<typeof contract>;
  }
}

/** Made once per run and handed to every test file (setup.ts): the contract is not built in each. */
export default function setup(project: TestProject) {
  project.provide('operations', operationRefs(contract));
}
