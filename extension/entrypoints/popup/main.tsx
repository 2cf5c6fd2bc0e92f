import { render } from 'preact';
import '../../lib/ui/base.css';
import '../../lib/popup/popup.css';
import { Popup } from './popup';

const root = document.getElementById('app');
if (root) render(<Popup />, root);
