/** What every page module works with: the run's browser session and its lazy-list scroller. */
import type { BrowserSession } from '../browserSession.ts';
import type { LazyList } from '../lazyList.ts';

export interface Driver {
  session: BrowserSession;
  lists: LazyList;
  /** "Today" for dated labels ("Oct 24") and invitation dates. */
  now: () => Date;
}
