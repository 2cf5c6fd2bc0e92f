/** True in builds made by `npm start` and the end-to-end tests: see wxt.config.ts. */
declare const __ROLLCALL_DEV_PAGES__: boolean;
