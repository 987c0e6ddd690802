/** Class names of the dashboard's one look: focus ring, buttons, inputs, badges, table cells. */

export const FOCUS =
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:focus-visible:outline-sky-400';

const buttonBase = `inline-flex items-center justify-center gap-2 rounded-md px-3 py-2 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50 ${FOCUS}`;

export const buttonClass = {
  primary: `${buttonBase} bg-sky-700 text-white hover:bg-sky-800 disabled:hover:bg-sky-700`,
  secondary: `${buttonBase} border border-slate-300 bg-white text-slate-900 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800`,
  danger: `${buttonBase} bg-red-700 text-white hover:bg-red-800 disabled:hover:bg-red-700`,
  icon: `inline-flex items-center justify-center rounded p-2 text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white ${FOCUS}`,
  /** A text link that acts (load more, view all). */
  link: `inline-flex items-center gap-1 rounded text-sm font-medium text-sky-700 hover:underline disabled:opacity-50 dark:text-sky-400 ${FOCUS}`,
} as const;

export const inputClass =
  'w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100 aria-[invalid=true]:border-red-600 dark:aria-[invalid=true]:border-red-500';

export const fileInputClass =
  'block w-full text-sm file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium dark:file:bg-slate-800 dark:file:text-slate-100';

export const checkboxClass = 'h-4 w-4 rounded border-slate-300 accent-sky-700 dark:border-slate-600';

export const BADGE =
  'inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium';

export const thClass =
  'whitespace-nowrap border-b border-slate-200 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:border-slate-700 dark:text-slate-400';
export const tdClass = 'border-b border-slate-100 px-3 py-2 align-top text-sm dark:border-slate-800';

/** Muted secondary text (empty lists, captions). */
export const mutedText = 'text-sm text-slate-600 dark:text-slate-400';
