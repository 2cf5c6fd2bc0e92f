import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { type Send, sendToBackground } from '../messaging';

/** The popup's and options page's way to the background; tests hand them the real operations. */
export const SendContext = createContext<Send>(sendToBackground);
export const useSend = () => useContext(SendContext);

// biome-ignore lint/suspicious/noExplicitAny: any item, whatever its value and metadata
type AnyItem = WxtStorageItem<any, any>;

/** A read started before the first render: its value, once it has come. */
interface ReadAhead {
  promise: Promise<unknown>;
  settled: boolean;
  value: unknown;
}
const readAheads = new Map<AnyItem, ReadAhead>();

/**
 * Starts reading the first screen's storage items at once, side by side, as the page's script
 * starts, and hands them over together: otherwise each read waits for the render that asks for it
 * (the sign-in first, then the screen's own items), and the browser paints a half-drawn screen in
 * between. `useStored` takes a value read ahead while it is current; once the item changes it is
 * read afresh, as before.
 */
export function readAhead(items: readonly AnyItem[]): void {
  const all = Promise.all(items.map((item) => item.getValue()));
  const aheads = items.map((item, i): ReadAhead => {
    const ahead: ReadAhead = { promise: all.then((values) => values[i]), settled: false, value: undefined };
    readAheads.set(item, ahead);
    const unwatch = item.watch(() => {
      unwatch();
      readAheads.delete(item);
    });
    return ahead;
  });
  // Settled before anyone waiting on one of them hears of it, so the next render finds them all.
  void all.then((values) => {
    aheads.forEach((ahead, i) => {
      ahead.value = values[i];
      ahead.settled = true;
    });
  });
}

/** The value of a storage item, kept current as the background writes it; undefined while loading. */
// biome-ignore lint/suspicious/noExplicitAny: any metadata type
export function useStored<T>(item: WxtStorageItem<T, any> | null): T | undefined {
  // A value already read ahead is drawn in the first render, with no wait.
  const [value, setValue] = useState<T | undefined>(() => {
    const ahead = item ? readAheads.get(item) : undefined;
    return ahead?.settled ? (ahead.value as T) : undefined;
  });
  useEffect(() => {
    // null: not yet. Big items (the directory, every finding) are read only once a view needs them.
    if (!item) return;
    let live = true;
    const ahead = readAheads.get(item);
    if (ahead?.settled) setValue(ahead.value as T);
    else void (ahead?.promise ?? item.getValue()).then((next) => live && setValue(next as T));
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
