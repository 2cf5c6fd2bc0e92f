import type { Operation } from './operation';

/**
 * One operation as a caller names it: where it sits in the contract, its method and path, and who
 * may call it, without its schemas. The console holds only these, written into its build, so
 * opening it does not construct the zod schemas of the whole API; the background, which sends
 * each request and reads each answer, keeps the full contract.
 */
export type OperationRef<O extends Operation = Operation> = Pick<O, 'method' | 'path' | 'roles'> & {
  group: string;
  name: string;
  /** Never set: the operation's own type, so a call through its reference keeps its request and answer typed. */
  readonly operation?: O;
};

/** A contract's operations, each as its reference, under the same groups and names. */
export type OperationRefs<C> = {
  [G in keyof C]: { [N in keyof C[G]]: C[G][N] extends Operation ? OperationRef<C[G][N]> : never };
};

/** The references of every operation of `contract`: plain data, as JSON carries it. */
export function operationRefs<C extends Record<string, Record<string, Operation>>>(
  contract: C,
): OperationRefs<C> {
  const refOf = (group: string, name: string, { method, path, roles }: Operation): OperationRef => ({
    group,
    name,
    method,
    path,
    roles,
  });
  return Object.fromEntries(
    Object.entries(contract).map(([group, ops]) => [
      group,
      Object.fromEntries(Object.entries(ops).map(([name, op]) => [name, refOf(group, name, op)])),
    ]),
  ) as OperationRefs<C>;
}
