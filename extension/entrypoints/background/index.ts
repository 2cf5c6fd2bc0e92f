import { defineBackground } from 'wxt/utils/define-background';
import { onMessage } from '../../lib/messaging';
import { fetchServerStatus } from '../../lib/server-status';
import { serverUrlItem } from '../../lib/storage';

export default defineBackground(() => {
  onMessage('getServerStatus', async () => fetchServerStatus(await serverUrlItem.getValue()));
});
