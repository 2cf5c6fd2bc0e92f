import { ConflictsView } from '../popup/conflicts-view';
import { Home } from '../popup/home';
import { useStored } from '../popup/popup-context';
import { homeSummaryItem } from '../storage';
import { useConsole, useDirectory } from './console-context';
import { contract } from './contract';
import { href } from './routes';
import { Loading, ScreenHeading } from './ui';

const go = (to: string) => () => location.assign(to);

/** The first screen: the health score and what to fix first, drawn from the small summary alone. */
export function OverviewScreen() {
  const home = useStored(homeSummaryItem);
  const { outbox, can } = useConsole();
  const waiting = outbox && (outbox.conflicts.length > 0 || outbox.rejected.length > 0);
  return (
    <section>
      <ScreenHeading>Overview</ScreenHeading>
      {home === undefined ? (
        <Loading what="the firm’s health" />
      ) : (
        <Home
          top={home.top}
          summary={home.summary}
          onOpenFinding={go(href('findings'))}
          onOpenFindings={go(href('findings'))}
          onAddPerson={go(href('staff', can(contract.people.create) ? 'new' : null))}
          onOpenOptions={go(href('systems', can(contract.systems.create) ? 'new' : null))}
        />
      )}
      {waiting && <NotSynced />}
    </section>
  );
}

function NotSynced() {
  const { tables, outbox } = { ...useDirectory(), outbox: useConsole().outbox };
  if (!tables || !outbox) return null;
  return <ConflictsView outbox={outbox} tables={tables} />;
}
