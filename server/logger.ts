import pino from 'pino';

export type Logger = pino.Logger;

export const createLogger = (level: pino.LevelWithSilent = 'info'): Logger => pino({ level, base: { app: 'kadesk' } });
