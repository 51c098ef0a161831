/** The chat platforms an adapter exists for. */
export type PlatformName = "console" | "telegram" | "discord";
