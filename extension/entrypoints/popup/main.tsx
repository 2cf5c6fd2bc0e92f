import { render } from 'preact';
import '../../lib/ui/base.css';
import '../../lib/popup/popup.css';
import { readAhead } from '../../lib/popup/popup-context';
import {
  auditWitnessItem,
  homeSummaryItem,
  outboxItem,
  signedInAsItem,
  signInStepItem,
  syncStatusItem,
} from '../../lib/storage';
import { Popup } from './popup';

// What the home view shows, read side by side rather than render by render.
readAhead([signedInAsItem, signInStepItem, outboxItem, syncStatusItem, homeSummaryItem, auditWitnessItem]);

const root = document.getElementById('app');
if (root) render(<Popup />, root);
