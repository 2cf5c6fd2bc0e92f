/**
 * The API's operations as the console names them: `callApi(send, contract.members.invite, …)`,
 * `can(contract.people.create)`. Each is its reference (method, path, roles), written into the
 * build from shared/contract (see wxt.config.ts): the console never constructs the contract's
 * schemas, the background validates every request and answer with them.
 */
export const contract = __ROLLCALL_OPERATIONS__;
