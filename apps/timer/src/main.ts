import { runServiceMain, serviceMain } from '@stageplus/http';
import { isCatchUpThread, runCatchUpThread } from './sla-clocks/catch-up-threads/catch-up-thread';
import { timerService } from './timer.app';
import { readTimerConfig } from './timer.config';

// The same script runs the timer and, off the main thread, its catch-up threads (`TIMER_CATCHUP_THREADS`).
if (isCatchUpThread()) runCatchUpThread();
else {
  const config = (env: NodeJS.ProcessEnv) => ({ ...readTimerConfig(env), catchUpEntry: { file: __filename } });
  void runServiceMain(serviceMain(timerService, config, (url, c) => `listening on ${url}, consuming ${c.topics.ticketsPrioritized}`), process);
}
