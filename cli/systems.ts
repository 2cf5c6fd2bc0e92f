import { contract } from '../shared/contract';
import type { System } from '../shared/schemas/directory';
import type { CliApi } from './api';
import { CliError, EXIT } from './exit-codes';

/** Every system of the firm. */
export function allSystems(api: CliApi): Promise<System[]> {
  return api.all((cursor) =>
    api.call(contract.systems.list, { query: { limit: 500, ...(cursor ? { cursor } : {}) } }),
  );
}

/** The system a command names, by its name (any case) or id; refused when there is none. */
export function systemNamed(systems: readonly System[], name: string): System {
  const wanted = name.trim().toLowerCase();
  const system = systems.find((one) => one.name.toLowerCase() === wanted || one.id === name.trim());
  if (!system) {
    const names = systems.map((one) => one.name).join(', ') || 'none yet';
    throw new CliError(
      EXIT.refused,
      `--system: no system is named "${name}" (the firm's systems: ${names}).`,
    );
  }
  return system;
}
