import { clockStoreConformance } from './clock-store.conformance';
import { InMemoryClockStore } from './in-memory-ports';

clockStoreConformance('the in-memory fake', async (pause) => {
  const store = new InMemoryClockStore(pause);
  return { store, lose: async () => store.flush() };
});
