import { render } from 'preact';
import '../../lib/ui/base.css';
import '../../lib/popup/popup.css';
import '../../lib/console/console.css';
import { Console } from '../../lib/console/console';

const root = document.getElementById('app');
if (root) render(<Console />, root);
