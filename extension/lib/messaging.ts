import { defineExtensionMessaging } from '@webext-core/messaging';

export type ServerStatus =
  | { state: 'online'; url: string; version: string }
  | { state: 'unreachable'; url: string; reason: string };

/** Every message of the extension. Only the background talks to the worker. */
export interface ProtocolMap {
  getServerStatus(): ServerStatus;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
