import { GuildMember, type Interaction, PermissionFlagsBits } from "discord.js";
import type { Actor } from "../../src/ports/inbound.js";

/**
 * Who pressed or typed, as the core sees them. Organizers are members with
 * Manage Events in that channel (Administrator implies it).
 */
export function toActor(interaction: Interaction): Actor {
  const member = interaction.member;
  const displayName =
    member instanceof GuildMember
      ? member.displayName
      : (member?.nick ?? interaction.user.displayName);
  const inGuild = interaction.inGuild();
  return {
    platform: "discord",
    user: { id: interaction.user.id, displayName, locale: interaction.locale },
    ...(inGuild
      ? {
          community: {
            id: interaction.guildId,
            name: interaction.guild?.name ?? interaction.guildId,
            channelId: interaction.channelId ?? "",
            ...(interaction.channel && "name" in interaction.channel && interaction.channel.name
              ? { channelName: interaction.channel.name }
              : {}),
          },
        }
      : {}),
    isOrganizer: interaction.memberPermissions?.has(PermissionFlagsBits.ManageEvents) ?? false,
    inPrivateChat: !inGuild,
  };
}
