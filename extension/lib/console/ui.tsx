import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Result } from '../result';

/** Something read from the server: loading, failed (with why), or here. */
export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; value: T };

/** Reads once on mount (and again on `reload`), keeping the last answer while reloading. */
export function useLoaded<T>(load: () => Promise<Result<T>>, deps: unknown[]): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    void load().then((result) => {
      if (!live) return;
      setLoaded(
        result.ok ? { state: 'ready', value: result.value } : { state: 'error', message: result.message },
      );
    });
    return () => {
      live = false;
    };
  }, [...deps, round]);
  return [loaded, useCallback(() => setRound((n) => n + 1), [])];
}

/** The loading and error states every screen shows the same way; children draw the value. */
export function LoadedView<T>({
  loaded,
  what,
  children,
}: {
  loaded: Loaded<T>;
  /** What is being read, for the words: "members". */
  what: string;
  children: (value: T) => preact.ComponentChildren;
}) {
  if (loaded.state === 'loading')
    return (
      <p class="status" role="status" aria-busy="true">
        Loading {what}…
      </p>
    );
  if (loaded.state === 'error')
    return (
      <p class="error" role="alert">
        Couldn’t load {what}. {loaded.message}
      </p>
    );
  return <>{children(loaded.value)}</>;
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="status" role="status" aria-busy="true">
      Loading {what}…
    </p>
  );
}

/** What was just done, or why not: an error is announced as an alert, the rest as a status. */
export type Said = { kind: 'ok' | 'error'; text: string; undo?: () => void } | null;

export function Message({ said, id }: { said: Said; id?: string }) {
  if (!said) return <p id={id} class="status" role="status" />;
  return (
    <p
      id={id}
      class={said.kind === 'error' ? 'error' : 'notice row spread'}
      role={said.kind === 'error' ? 'alert' : 'status'}
    >
      <span>{said.text}</span>
      {said.undo && (
        <button type="button" class="link" onClick={said.undo}>
          Undo
        </button>
      )}
    </p>
  );
}

/** The words of a result that failed, or null. */
export const problemOf = (result: Result<unknown>): Said =>
  result.ok ? null : { kind: 'error', text: result.message };

/**
 * A button for something that cannot be undone: the first press asks, in words naming what goes,
 * and only "Yes" does it. Escape or "Cancel" steps back.
 */
export function ConfirmButton({
  label,
  question,
  confirm,
  onConfirm,
  class: className,
}: {
  label: string;
  question: string;
  confirm: string;
  onConfirm: () => void | Promise<void>;
  class?: string;
}) {
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);
  if (!asking)
    return (
      <button type="button" class={className} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  return (
    <fieldset class="confirm-inline" onKeyDown={(e) => e.key === 'Escape' && setAsking(false)}>
      <legend>{question}</legend>
      <button
        ref={yes}
        type="button"
        class="danger"
        onClick={async () => {
          setAsking(false);
          await onConfirm();
        }}
      >
        {confirm}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </fieldset>
  );
}

/** Saves text as a file in the browser's downloads. */
export function download(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Today's date for file names: rollcall-audit-2026-12-03.csv. */
export const fileDate = (now = Date.now()) => new Date(now).toISOString().slice(0, 10);

/** The screen's heading, focused when the screen opens so a keyboard or screen reader starts there. */
/** The screen (its address) whose heading last took the focus. */
let headingFocusedFor: string | null = null;

export function ScreenHeading({
  children,
  actions,
}: {
  children: preact.ComponentChildren;
  actions?: preact.ComponentChildren;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Once per screen opened: a heading drawn again when its data arrives must not take the focus
    // back from wherever the member has moved since (the next link in the navigation, say).
    if (headingFocusedFor === location.hash) return;
    headingFocusedFor = location.hash;
    // Nor the first time, drawn a moment after the screen opened: only from the page itself or the
    // link that opened it.
    const from = document.activeElement;
    if (from && from !== document.body && from.getAttribute('aria-current') !== 'page') return;
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div class="screen-head">
      <h2 ref={ref} tabIndex={-1} id="screen-heading">
        {children}
      </h2>
      {actions && <div class="row wrap">{actions}</div>}
    </div>
  );
}

/** A value shown once (a one-time link, a key's secret), selected on focus, with a Copy button. */
export function ShownOnce({
  id,
  label,
  value,
  copy,
}: {
  id: string;
  label: string;
  value: string;
  /** The Copy button's words: "Copy link". */
  copy: string;
}) {
  return (
    <div class="invite-link stack">
      <label for={id}>{label}</label>
      <div class="row">
        <input id={id} readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={() => void navigator.clipboard.writeText(value)}>
          {copy}
        </button>
      </div>
    </div>
  );
}
