import { fileCore, member, organizer } from "./common.js";

const c = fileCore();
const g = { id: "-2002", name: "B", channelId: "-2002" };
await c.core.handler.handle(organizer("telegram", g), {
  type: "create",
  shop: "Cave",
  when: "in 2d",
});
const N = 2000;
const t = performance.now();
for (let i = 0; i < N; i++)
  await c.core.handler.handle(
    { ...member("telegram", String(1_000_000 + i), g), inPrivateChat: false },
    { type: "action", actionId: "mob:1:join" },
    `update:${i}`,
  );
console.log("press", (((performance.now() - t) / N) * 1000).toFixed(0), "µs");
const { performance: p } = await import("node:perf_hooks");
c.close();
