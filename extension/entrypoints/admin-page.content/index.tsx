import { render } from 'preact';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { findUserTables, userRows } from '../../lib/page/find-user-tables';
import { Banner } from './banner';
import './banner.css';

export default defineContentScript({
  // Release builds register this script per configured system at run time; the development build
  // also watches local pages so the demo works with no setup.
  matches: __ROLLCALL_DEV_PAGES__ ? ['http://localhost/*', 'http://127.0.0.1/*'] : [],
  registration: __ROLLCALL_DEV_PAGES__ ? 'manifest' : 'runtime',
  cssInjectionMode: 'ui',
  async main(ctx) {
    const tables = findUserTables(document);
    const firstTable = tables[0];
    if (!firstTable) return;
    const loginCount = tables.reduce((sum, table) => sum + userRows(table).length, 0);
    const ui = await createShadowRootUi(ctx, {
      name: 'rollcall-banner',
      position: 'inline',
      anchor: firstTable,
      append: 'before',
      onMount: (container) => {
        render(<Banner loginCount={loginCount} />, container);
        return container;
      },
      onRemove: (container) => {
        if (container) render(null, container);
      },
    });
    ui.mount();
  },
});
