import { PassThrough } from "node:stream";
import { createConsoleAdapter } from "../../bots/console/adapter.js";
import { platformContract } from "./platform-contract.js";

platformContract("console", async () => {
  const output = new PassThrough();
  let text = "";
  output.on("data", (d: Buffer) => {
    text += d.toString();
  });
  const adapter = createConsoleAdapter({ input: new PassThrough(), output, interactive: false });
  const blocks = (header: string) =>
    text
      .split("\n── ")
      .filter((b) => b.startsWith(header))
      .map((b) => b.slice(b.indexOf("\n") + 1));
  return {
    platform: adapter.platform,
    channel: { platform: "console", communityId: "local", channelId: "local" },
    reachable: { platform: "console", userId: "alice", displayName: "alice" },
    channelTexts: async () => blocks("#local"),
    dmTexts: async (userId) => blocks(`DM to ${userId}`),
    close: async () => adapter.stop(),
  };
});
