/** True in builds made by `npm start` and the end-to-end tests: see wxt.config.ts. */
declare const __ROLLCALL_DEV_PAGES__: boolean;
/** Every operation of the API without its schemas, built in from shared/contract: see wxt.config.ts. */
declare const __ROLLCALL_OPERATIONS__: import('../shared/contract/refs').OperationRefs<
  typeof import('../shared/contract').contract
>;
