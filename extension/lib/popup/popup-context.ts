import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { type Send, sendToBackground } from '../messaging';

/** The popup's and options page's way to the background; tests hand them the real operations. */
export const SendContext = createContext<Send>(sendToBackground);
export const useSend = () => useContext(SendContext);

/** The value of a storage item, kept current as the background writes it; undefined while loading. */
// biome-ignore lint/suspicious/noExplicitAny: any metadata type
export function useStored<T>(item: WxtStorageItem<T, any> | null): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    // null: not yet. Big items (the directory, every finding) are read only once a view needs them.
    if (!item) return;
    let live = true;
    item.getValue().then((next) => live && setValue(next));
    const unwatch = item.watch((next) => setValue(next));
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);
  return value;
}

/** Today as YYYY-MM-DD in the browser's time zone, for date inputs. */
export function todayIso(now = Date.now()): string {
  const at = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** A new row id made on this device (the server accepts client-made ids for offline creation). */
export const newRowId = () => crypto.randomUUID();
