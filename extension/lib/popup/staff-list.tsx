import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { StaffRow } from '../staff-index';

/** Every row is this tall (popup.css keeps it so): where a row sits follows from its position alone. */
export const ROW_HEIGHT = 44;
/** Rows drawn beyond each edge of the box, so a quick scroll shows rows rather than a blank. */
const OVERSCAN = 5;
/** The box's height where the page has no layout to measure (tests): about the popup's. */
const FALLBACK_HEIGHT = 340;

/**
 * The staff list, drawing only the rows in view (and a few around them): a firm of 2,000 opens as
 * fast as one of 20. It is one list to assistive technology, each item saying where it stands in
 * the whole (`aria-setsize`, `aria-posinset`), and one stop in the tab order: the arrow keys,
 * Page Up/Down, Home and End move between people, bringing the row into view.
 */
export function StaffList({
  rows,
  label,
  onSelect,
}: {
  rows: readonly StaffRow[];
  label: string;
  onSelect: (id: string) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);
  // The row that holds the list's tab stop; focus follows it once a key has moved it.
  const [active, setActive] = useState(0);
  const focusActive = useRef(false);

  useLayoutEffect(() => {
    const measured = box.current?.clientHeight;
    if (measured) setHeight(measured);
  }, []);

  // A new search starts at the top.
  useEffect(() => {
    setActive(0);
    setScrollTop(0);
    if (box.current) box.current.scrollTop = 0;
  }, [rows]);

  useEffect(() => {
    if (!focusActive.current) return;
    focusActive.current = false;
    box.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.focus();
  }, [active]);

  const perScreen = Math.max(1, Math.floor(height / ROW_HEIGHT));
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const current = Math.min(active, rows.length - 1);
  const shown: number[] = [];
  // The row with the tab stop is always drawn, so Tab reaches the list wherever it is scrolled.
  if (current >= 0 && current < first) shown.push(current);
  for (let index = first; index < last; index++) shown.push(index);
  if (current >= last) shown.push(current);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    const element = box.current;
    if (element) {
      const top = next * ROW_HEIGHT;
      let scroll = element.scrollTop;
      if (top < scroll) scroll = top;
      else if (top + ROW_HEIGHT > scroll + height) scroll = top + ROW_HEIGHT - height;
      element.scrollTop = scroll;
      setScrollTop(scroll);
    }
    focusActive.current = true;
    setActive(next);
    // Already the active row (End pressed twice): focus it anyway.
    if (next === active) box.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + perScreen,
      PageUp: current - perScreen,
      Home: 0,
      End: rows.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  };

  return (
    <div class="staff-scroll" ref={box} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
      <ul
        class="people"
        aria-label={label}
        style={{ height: `${rows.length * ROW_HEIGHT}px` }}
        onKeyDown={onKeyDown}
      >
        {shown.map((index) => {
          const row = rows[index] as StaffRow;
          return (
            <li
              key={row.id}
              aria-setsize={rows.length}
              aria-posinset={index + 1}
              style={{ top: `${index * ROW_HEIGHT}px` }}
            >
              <button
                type="button"
                class="person-row"
                data-index={index}
                tabIndex={index === current ? 0 : -1}
                onFocus={() => setActive(index)}
                onClick={() => onSelect(row.id)}
              >
                <span class="person-name">{row.name}</span>
                {row.detail && <span class="muted person-detail">{row.detail}</span>}
                {row.findings > 0 && (
                  <span class="pill" title={`${row.findings} finding${row.findings === 1 ? '' : 's'}`}>
                    {row.findings}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
