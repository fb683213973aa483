import pino from "pino";
import { rawEnvironment } from "../env";

const level = rawEnvironment().LOG_LEVEL ?? (rawEnvironment().NODE_ENV === "test" ? "silent" : "info");

/** Secrets never reach the log: these paths are censored wherever they appear. */
export const logger = pino({
  level,
  base: { app: "tally" },
  redact: {
    paths: [
      "password",
      "*.password",
      "token",
      "*.token",
      "secret",
      "*.secret",
      "apiKey",
      "*.apiKey",
      "headers.authorization",
      "headers.cookie",
      "*.headers.authorization",
      "*.headers.cookie",
    ],
    censor: "[redacted]",
  },
});

export type Logger = typeof logger;
