import { CONFORMANCE_PAUSE_STATUSES, clockStoreConformance } from './clock-store.conformance';
import { InMemoryClockStore } from './in-memory-ports';

clockStoreConformance('the in-memory fake', async () => {
  const store = new InMemoryClockStore(CONFORMANCE_PAUSE_STATUSES);
  return { store, lose: async () => store.flush() };
});
