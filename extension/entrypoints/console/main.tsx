import { render } from 'preact';
import '../../lib/ui/base.css';
import '../../lib/popup/popup.css';
import '../../lib/console/console.css';
import { Console } from '../../lib/console/console';
import { readAhead } from '../../lib/popup/popup-context';
import { homeSummaryItem, outboxItem, signedInAsItem, syncStatusItem } from '../../lib/storage';

// What the first screen (the overview) shows, read side by side rather than render by render.
readAhead([signedInAsItem, outboxItem, syncStatusItem, homeSummaryItem]);

const root = document.getElementById('app');
if (root) render(<Console />, root);
