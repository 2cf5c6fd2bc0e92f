import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Person } from '../../../shared/schemas/directory';

/** How many matching people the list shows at once: typing narrows it. */
const SHOWN = 8;

/** "No owner" in the list, for a login that has one. */
const NOBODY = '';

/**
 * Picks the person a login belongs to, from the keyboard: a button opens a combobox (WAI-ARIA
 * APG's "editable combobox with list autocomplete"); typing narrows the people, the arrow keys
 * move through them, Enter picks, Escape puts it away. `onPick` gets the person's id, or null for
 * no owner.
 */
export function OwnerPicker({
  login,
  current,
  people,
  onPick,
}: {
  login: string;
  current: Person | undefined;
  people: readonly Person[];
  onPick: (personId: string | null) => void;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useMemo(() => `owner-${Math.random().toString(36).slice(2, 10)}`, []);

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  const options = useMemo(() => {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    const matches = people
      .filter((p) => p.id !== current?.id && !p.deleted)
      .filter((p) => words.every((w) => `${p.name} ${p.email ?? ''}`.toLowerCase().includes(w)))
      .slice(0, SHOWN)
      .map((p) => ({ id: p.id, label: p.email ? `${p.name} (${p.email})` : p.name }));
    return current && words.length === 0 ? [{ id: NOBODY, label: 'No owner' }, ...matches] : matches;
  }, [text, people, current]);

  function close(focusButton: boolean) {
    setOpen(false);
    setText('');
    setActive(0);
    if (focusButton) setTimeout(() => button.current?.focus(), 0);
  }

  function pick(optionId: string) {
    close(true);
    onPick(optionId === NOBODY ? null : optionId);
  }

  if (!open)
    return (
      <button
        ref={button}
        type="button"
        class="link"
        aria-label={`${current ? 'Change the owner' : 'Choose an owner'} of ${login}`}
        onClick={() => setOpen(true)}
      >
        {current ? 'Change' : 'Link…'}
      </button>
    );

  const activeOption = options[Math.min(active, options.length - 1)];
  return (
    <div class="owner-picker">
      <label class="visually-hidden" for={`${id}-input`}>
        Owner of {login}
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={activeOption ? `${id}-${activeOption.id || 'nobody'}` : undefined}
        autocomplete="off"
        placeholder="Type a name"
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((n) => (options.length === 0 ? 0 : (n + step + options.length) % options.length));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            if (activeOption) pick(activeOption.id);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            close(true);
          }
        }}
        onBlur={(e) => {
          // A click on an option blurs the field first: only close when the focus leaves the picker.
          const next = e.relatedTarget as Node | null;
          if (!next || !e.currentTarget.parentElement?.contains(next)) close(false);
        }}
      />
      <div id={`${id}-list`} role="listbox" aria-label={`People for ${login}`} class="owner-options">
        {options.length === 0 ? (
          <p class="muted">Nobody matches “{text}”.</p>
        ) : (
          options.map((option) => (
            // The keys are the field's (the combobox pattern): the focus stays in it throughout.
            // biome-ignore lint/a11y/useKeyWithClickEvents: arrow keys and Enter on the field choose
            <div
              key={option.id}
              id={`${id}-${option.id || 'nobody'}`}
              role="option"
              tabIndex={-1}
              aria-selected={option === activeOption}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(option.id)}
            >
              {option.label}
            </div>
          ))
        )}
      </div>
    </div>
  );
}
