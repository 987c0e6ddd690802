import type { RunOutcome } from '../../api/types.ts';
import { ContactLanguageSelect, NeverWishButton, slugOfProfileUrl, WishNowButton } from './actions.tsx';

/**
 * The actions on a birthday run's outcome row: "wish now" (or "retry" on a failed one) and
 * "never wish". Nothing for rows without a profile link or already sent.
 */
export function OutcomeActions({ outcome, runType }: { outcome: RunOutcome; runType: string }) {
  const slug = slugOfProfileUrl(outcome.profile_url);
  if (runType !== 'birthday' || !slug) return null;
  const name = outcome.contact_name ?? slug;
  const blacklisted = outcome.status === 'skipped' && outcome.reason === 'blacklisted';
  const wished = outcome.status === 'sent' || outcome.reason === 'already_wished';
  return (
    <div className="flex flex-wrap gap-2" data-testid="outcome-actions">
      {!wished && !blacklisted && (
        <WishNowButton slug={slug} name={name} retry={outcome.status === 'error'} />
      )}
      {!blacklisted && <NeverWishButton name={name} profileUrl={outcome.profile_url} />}
      <ContactLanguageSelect slug={slug} name={name} />
    </div>
  );
}
