/** The console's settings its controllers need, apart from the adapters'. */
export interface ConsoleSettings {
  readonly sessionTtlMs: number;
  readonly secureCookie: boolean;
  readonly timerUrl: string;
}

export const CONSOLE_SETTINGS = Symbol('CONSOLE_SETTINGS');
