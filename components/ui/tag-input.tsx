'use client';

import { useState } from 'react';
import { cn } from '@/lib/pages/cn';

type TagInputProps = {
  id: string;
  value: string[];
  onChange: (value: string[]) => void;
  onBlur?: () => void;
  /** What one tag is, for the remove buttons' names ("Remove scope admin"). */
  itemName: string;
  placeholder?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
};

/**
 * A list of short values typed one by one: Enter or a comma adds what was typed, Backspace in the
 * empty box removes the last one, and each tag has its own remove button. Text left in the box is
 * added when it loses focus, so nothing typed is lost on save.
 */
export function TagInput({ id, value, onChange, onBlur, itemName, placeholder, ...aria }: TagInputProps) {
  const [draft, setDraft] = useState('');

  const add = (text: string) => {
    const added = text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item && !value.includes(item));
    if (added.length) onChange([...value, ...new Set(added)]);
    setDraft('');
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if ((event.key === 'Enter' || event.key === ',') && draft.trim()) {
      event.preventDefault();
      add(draft);
    } else if (event.key === ',') {
      event.preventDefault();
    } else if (event.key === 'Backspace' && draft === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };

  return (
    <div
      className={cn(
        'flex flex-wrap items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2 py-1.5 shadow-sm focus-within:border-indigo-600',
        // The box shows the focus ring its text field would have.
        'has-[input:focus-visible]:outline-2 has-[input:focus-visible]:outline-offset-2 has-[input:focus-visible]:outline-indigo-600',
        aria['aria-invalid'] && 'border-red-500',
      )}
    >
      {value.map((tag) => (
        <span key={tag} className="inline-flex items-center gap-0.5 rounded bg-slate-100 py-0.5 pl-2 text-sm text-slate-800 ring-1 ring-slate-200 ring-inset">
          {tag}
          <button
            type="button"
            aria-label={`Remove ${itemName} ${tag}`}
            onClick={() => onChange(value.filter((item) => item !== tag))}
            className="rounded px-1.5 text-slate-500 hover:bg-slate-200 hover:text-slate-900"
          >
            ×
          </button>
        </span>
      ))}
      <input
        id={id}
        value={draft}
        placeholder={value.length === 0 ? placeholder : undefined}
        onChange={(event) => {
          // A pasted "a, b, c" becomes tags at once; the part after the last comma stays in the box.
          const text = event.target.value;
          if (text.includes(',')) {
            add(text.slice(0, text.lastIndexOf(',')));
            setDraft(text.slice(text.lastIndexOf(',') + 1));
          } else {
            setDraft(text);
          }
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (draft.trim()) add(draft);
          onBlur?.();
        }}
        className="min-w-32 flex-1 border-0 bg-transparent px-1 py-0.5 text-sm outline-none placeholder:text-slate-400 focus-visible:outline-none"
        {...aria}
      />
    </div>
  );
}
