import { platformContract } from "../contract/platform-contract.js";
import { ALICE, DAVE, discordRig, readable } from "../fakes/discord-harness.js";
import { pinged } from "../fakes/discord-model.js";

platformContract("discord", async () => {
  const rig = await discordRig();
  const channelId = rig.server.guild.channels[0]?.id ?? "";
  return {
    platform: rig.adapter.platform,
    channel: { platform: "discord", communityId: rig.server.guild.id, channelId },
    reachable: { platform: "discord", userId: ALICE, displayName: "alice" },
    unreachable: { platform: "discord", userId: DAVE, displayName: "dave" },
    channelTexts: async () => rig.server.channelMessages(channelId).map(readable),
    dmTexts: async (userId) => rig.server.dmMessages(userId).map(readable),
    pinged: async () => rig.server.channelMessages(channelId).flatMap(pinged),
    namesReachable: `<@${ALICE}> <@!${ALICE}> @here`,
    close: () => rig.close(),
  };
});
