import { clockStoreConformance } from './clock-store.conformance';
import { InMemoryClockStore } from './in-memory-ports';

clockStoreConformance('the in-memory fake', async () => {
  const store = new InMemoryClockStore();
  return { store, lose: async () => store.flush() };
});
