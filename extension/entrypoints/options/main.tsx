import '../../lib/zod-jitless';
import { render } from 'preact';
import '../../lib/ui/base.css';
import '../../lib/popup/popup.css';
import './options.css';
import { Options } from './options';

const root = document.getElementById('app');
if (root) render(<Options />, root);
