import { defineBackground } from 'wxt/utils/define-background';
import { onMessage } from '../../lib/messaging';
import { fetchServerStatus } from '../../lib/server-status';
import { serverUrlItem } from '../../lib/storage';

export default defineBackground(() => {
  onMessage('getServerStatus', async () => fetchServerStatus(await serverUrlItem.getValue()));
  // Signing in to Rollcall is not built yet, so no session exists to send a snapshot with: say so
  // plainly rather than pretend. The call to `POST /api/v1/systems/:id/snapshots` goes here.
  onMessage('syncPageSnapshot', () => ({ state: 'signed-out' }) as const);
});
