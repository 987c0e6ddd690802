import { type ReactNode, type RefObject, useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/** Which sides of a sideways-scrolling box hide content: what its hint shows. */
export interface Overflow {
  left: boolean;
  right: boolean;
}

const NONE: Overflow = { left: false, right: false };

/**
 * Follows whether `ref`'s content is wider than the box and on which side some of it is
 * hidden: measured on mount, on resize (of the box or of its content) and on scroll.
 */
export function useOverflow(ref: RefObject<HTMLElement | null>): Overflow {
  const [overflow, setOverflow] = useState<Overflow>(NONE);
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => {
      const hidden = box.scrollWidth - box.clientWidth;
      const next = {
        left: hidden > 1 && box.scrollLeft > 1,
        right: hidden > 1 && box.scrollLeft < hidden - 1,
      };
      setOverflow((old) => (old.left === next.left && old.right === next.right ? old : next));
    };
    measure();
    box.addEventListener('scroll', measure, { passive: true });
    // Not in every environment (jsdom): then measured on mount and scroll only.
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(box);
    if (box.firstElementChild) observer?.observe(box.firstElementChild);
    return () => {
      box.removeEventListener('scroll', measure);
      observer?.disconnect();
    };
  }, [ref]);
  return overflow;
}

const EDGE = 'pointer-events-none absolute inset-y-0 w-8 from-slate-900/15 to-transparent dark:from-black/50';

/**
 * A region that scrolls sideways inside itself (never the page) and says so when its content
 * is cut: a shadow on the hidden side(s) and a line of text above. Reachable by keyboard.
 */
export function ScrollArea({
  label,
  children,
  className = '',
}: {
  label: string;
  children: ReactNode;
  className?: string;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLElement>(null);
  const overflow = useOverflow(ref);
  const cut = overflow.left || overflow.right;
  return (
    <div className="relative min-w-0">
      {cut && (
        <p data-scroll-hint className="mb-1 text-xs text-slate-600 dark:text-slate-400">
          <span aria-hidden>↔ </span>
          {t('layout.table.scrollHint')}
        </p>
      )}
      <div className="relative">
        <section
          ref={ref}
          aria-label={label}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
          tabIndex={0}
          data-overflowing={cut || undefined}
          className={`overflow-x-auto ${className}`}
        >
          {children}
        </section>
        {overflow.left && <div aria-hidden className={`${EDGE} left-0 bg-linear-to-r`} />}
        {overflow.right && <div aria-hidden className={`${EDGE} right-0 bg-linear-to-l`} />}
      </div>
    </div>
  );
}
